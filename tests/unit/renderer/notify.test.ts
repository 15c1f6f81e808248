import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Arrival } from '../../../src/shared/contract';
import { noticesFor, worthNotice } from '../../../src/renderer/features/notifications/notify';

function arrival(overrides: Partial<Arrival>): Arrival {
  return {
    messageId: randomUUID(),
    conversationId: randomUUID(),
    conversationKind: 'direct',
    conversationTitle: 'Maria Huber',
    senderName: 'Maria Huber',
    excerpt: 'Foto folgt',
    priority: 'normal',
    ackRequested: false,
    ...overrides,
  };
}

const quiet = { doNotDisturb: false, watching: null };

describe('worthNotice', () => {
  it('notices direct messages and urgent ones, not ordinary group or channel posts', () => {
    expect(worthNotice(arrival({}), quiet)).toBe(true);
    expect(worthNotice(arrival({ conversationKind: 'channel', priority: 'urgent' }), quiet)).toBe(
      true,
    );
    expect(worthNotice(arrival({ conversationKind: 'channel', priority: 'high' }), quiet)).toBe(
      false,
    );
    expect(worthNotice(arrival({ conversationKind: 'group' }), quiet)).toBe(false);
  });

  it('stays silent with do-not-disturb, even for urgent messages', () => {
    expect(worthNotice(arrival({ priority: 'urgent' }), { ...quiet, doNotDisturb: true })).toBe(
      false,
    );
  });

  it('does not repeat what the user is reading', () => {
    const message = arrival({});
    expect(worthNotice(message, { ...quiet, watching: message.conversationId })).toBe(false);
  });
});

describe('noticesFor', () => {
  it('gives each of a few arrivals its own notice, urgent ones marked', () => {
    const urgent = arrival({ priority: 'urgent', conversationKind: 'channel' });
    const direct = arrival({});
    expect(noticesFor([urgent, arrival({ conversationKind: 'group' }), direct], quiet)).toEqual([
      { kind: 'single', arrival: urgent, urgent: true },
      { kind: 'single', arrival: direct, urgent: false },
    ]);
  });

  it('sums up a backlog in one notice, opening the conversation when there is only one', () => {
    const conversationId = randomUUID();
    const many = Array.from({ length: 5 }, () => arrival({ conversationId }));
    expect(noticesFor(many, quiet)).toEqual([
      { kind: 'summary', count: 5, conversations: 1, conversationId },
    ]);
    const spread = Array.from({ length: 4 }, () => arrival({}));
    expect(noticesFor(spread, quiet)).toEqual([
      { kind: 'summary', count: 4, conversations: 4, conversationId: null },
    ]);
  });
});
