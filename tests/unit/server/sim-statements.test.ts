import { describe, expect, it } from 'vitest';
import { MESSAGE_BODY_MAX } from '../../../src/shared/domain/conversation';
import { DISPUTE_CHANNELS, newDisputeSchema } from '../../../src/shared/domain/dispute';
import { ILLUSTRATIVE_OFFENCES } from '../../../src/server/cases/offence-catalogue';
import { createPrng } from '../../../src/server/store/seed-data/prng';
import {
  disputeStatement,
  officerStatement,
  type CaseFacts,
} from '../../../src/server/store/seed-data/statements';

const facts: CaseFacts = {
  offenceCode: 'P103',
  plate: 'M-KV 2026',
  street: 'Leopoldstraße',
  houseNumber: '12a',
  observedAt: '2026-03-14T08:41:07.000Z',
};

describe('dispute statements', () => {
  it('name the case and read as the channel they came through', () => {
    const rng = createPrng(1);
    const letter = disputeStatement(rng, 'letter', facts);
    expect(letter).toMatch(/^Sehr geehrte Damen und Herren,/);
    expect(letter).toMatch(/Mit freundlichen Grüßen\n\S/);
    for (const channel of DISPUTE_CHANNELS) {
      const text = disputeStatement(rng, channel, facts);
      expect(text).toContain('M-KV 2026');
      expect(text).toContain('Leopoldstraße 12a');
      // Munich time: 08:41 UTC is 09:41 in March.
      expect(text).toContain('14.03.2026 um 09:41 Uhr');
    }
  });

  it('vary, fit the intake schema, and repeat for the same seed', () => {
    const draw = (seed: number) => {
      const rng = createPrng(seed);
      return ILLUSTRATIVE_OFFENCES.flatMap((offence) =>
        DISPUTE_CHANNELS.map((channel) =>
          disputeStatement(rng, channel, { ...facts, offenceCode: offence.code }),
        ),
      );
    };
    const texts = draw(7);
    // Same plate, street and time throughout: the variety comes from the words alone.
    expect(new Set(texts).size).toBeGreaterThan(texts.length * 0.8);
    expect(draw(7)).toEqual(texts);
    for (const statement of texts) {
      expect(() =>
        newDisputeSchema.parse({
          id: '0b7c8f54-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
          caseId: '1b7c8f54-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
          receivedAt: '2026-03-15T10:00:00.000Z',
          channel: 'letter',
          statement,
        }),
      ).not.toThrow();
    }
  });
});

describe('officer statements', () => {
  it('explain the case by its offence and mention a new photo when there is one', () => {
    const rng = createPrng(3);
    const plain = officerStatement(rng, { facts, photoCount: 2, withNewPhoto: false });
    expect(plain).toMatch(/Parkschein|Automat|Armaturenbrett|Kennzeichen|Beschilderung|Fahrer/);
    expect(plain).not.toMatch(/Foto von heute/);
    const withPhoto = officerStatement(rng, { facts, photoCount: 2, withNewPhoto: true });
    expect(withPhoto).toMatch(/Foto von heute angehängt/);
    expect(withPhoto).not.toMatch(/\{\w+\}/);
  });

  it('answer sensibly for a case the officer knows nothing more about', () => {
    const text = officerStatement(createPrng(4), {
      facts: null,
      photoCount: 0,
      withNewPhoto: false,
    });
    expect(text).toMatch(/Vorgang angesehen/);
  });

  it('fit a message for every offence', () => {
    const rng = createPrng(5);
    for (const offence of ILLUSTRATIVE_OFFENCES) {
      for (let i = 0; i < 10; i++) {
        const text = officerStatement(rng, {
          facts: { ...facts, offenceCode: offence.code },
          photoCount: 1 + (i % 3),
          withNewPhoto: i % 2 === 0,
        });
        expect(text.trim().length).toBeGreaterThan(20);
        expect(text.length).toBeLessThanOrEqual(MESSAGE_BODY_MAX);
        expect(text).not.toMatch(/\{\w+\}|undefined/);
      }
    }
  });
});
