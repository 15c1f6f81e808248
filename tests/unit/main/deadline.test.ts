import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../src/shared/domain/case';
import {
  addMonths,
  berlinDateOf,
  berlinDayStart,
  daysBetween,
  prosecutionDeadline,
} from '../../../src/shared/domain/deadline';
import { openDatabase } from '../../../src/main/db/connection';
import { aCase, aDispute, Feed } from './case-queue-fixtures';

const at = (iso: string) => new Date(iso);

describe('prosecution deadline', () => {
  it('clamps a month end: 31 January + 3 months is 30 April', () => {
    expect(addMonths('2026-01-31', 3)).toBe('2026-04-30');
    expect(prosecutionDeadline('2026-01-31T10:00:00Z', null, at('2026-04-01T10:00:00Z'))).toEqual({
      date: '2026-04-30',
      daysLeft: 29,
      interrupted: false,
    });
  });

  it('knows leap years: 30 November + 3 months is 29 February in 2027/28, 28 otherwise', () => {
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  });

  it('takes the Berlin date of the offence, not the UTC one', () => {
    // 23:30 UTC on 31 Jan is 00:30 on 1 Feb in Berlin (winter time, +1).
    expect(prosecutionDeadline('2026-01-31T23:30:00Z', null, at('2026-02-01T12:00:00Z')).date).toBe(
      '2026-05-01',
    );
    // 22:30 UTC on 30 Apr is 00:30 on 1 May in Berlin (summer time, +2).
    expect(berlinDateOf('2026-04-30T22:30:00Z')).toBe('2026-05-01');
    expect(berlinDateOf('2026-04-30T21:30:00Z')).toBe('2026-04-30');
  });

  it('counts whole calendar days across a DST switch', () => {
    // 29 March 2026 has 23 hours in Berlin, 25 October 25; days stay days.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(berlinDayStart('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(berlinDayStart('2026-03-30')).toBe('2026-03-29T22:00:00.000Z');
    expect(berlinDayStart('2026-10-26')).toBe('2026-10-25T23:00:00.000Z');
    // Late evening on the last day still counts 0 days left; just after midnight it has lapsed.
    // Offence 28 April → deadline 28 July.
    expect(prosecutionDeadline('2026-04-28T10:00:00Z', null, at('2026-07-28T21:59:00Z'))).toEqual({
      date: '2026-07-28',
      daysLeft: 0,
      interrupted: false,
    });
    expect(
      prosecutionDeadline('2026-04-28T10:00:00Z', null, at('2026-07-28T22:01:00Z')).daysLeft,
    ).toBe(-1);
  });

  it('restarts 3 months from a dispute received in time, capped at 6 months after the offence', () => {
    const now = at('2026-03-01T12:00:00Z');
    expect(prosecutionDeadline('2026-01-15T10:00:00Z', '2026-02-10T09:00:00Z', now)).toEqual({
      date: '2026-05-10',
      daysLeft: 70,
      interrupted: true,
    });
    // Heard on the very last day: 3 more months, but not past 6 months after the offence.
    expect(prosecutionDeadline('2026-01-15T10:00:00Z', '2026-04-15T09:00:00Z', now).date).toBe(
      '2026-07-15',
    );
    // A dispute after the lapse does not revive the case.
    expect(prosecutionDeadline('2026-01-15T10:00:00Z', '2026-04-16T09:00:00Z', now)).toMatchObject({
      date: '2026-04-15',
      interrupted: false,
    });
  });
});

describe('the deadline column (migration 0007) mirrors the rule', () => {
  const db = openDatabase(':memory:');
  const feed = new Feed(db);
  const stored = (caseId: string) =>
    db.prepare('SELECT deadline FROM cases WHERE id = ?').pluck().get(caseId);

  it('agrees around every DST switch of 2020–2030, on both sides of Berlin midnight', () => {
    const cases: CaseRecord[] = [];
    for (let year = 2020; year <= 2030; year++) {
      for (const month of [2, 9]) {
        for (let day = 20; day <= 31; day++) {
          for (const minute of [0, 59, 61, 119, 121, 1379, 1381, 1439]) {
            const t = new Date(Date.UTC(year, month, day, 0, minute) - 2 * 3_600_000);
            cases.push(aCase({ observedAt: t.toISOString() }));
          }
        }
      }
    }
    feed.upsert('case', ...cases);
    for (const c of cases) {
      expect(stored(c.id), c.observedAt).toBe(prosecutionDeadline(c.observedAt, null).date);
    }
  });

  it('agrees on random offences and disputes, whichever arrives first, and follows changes', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const start = Date.UTC(2023, 0, 1);
    const checks: { kase: CaseRecord; heard: string | null }[] = [];
    for (let i = 0; i < 1000; i++) {
      const observedAt = new Date(start + random() * 4 * 365 * 86_400_000).toISOString();
      const kase = aCase({ observedAt });
      const heard =
        random() < 0.3
          ? null
          : new Date(Date.parse(observedAt) + (random() - 0.1) * 130 * 86_400_000).toISOString();
      const dispute = heard ? aDispute(kase.id, { receivedAt: heard, recordedAt: heard }) : null;
      // Half of the disputes come before their case, as a feed replay may deliver them.
      if (dispute && i % 2 === 0) feed.upsert('dispute', dispute);
      feed.upsert('case', kase);
      if (dispute && i % 2 === 1) feed.upsert('dispute', dispute);
      checks.push({ kase, heard });
    }
    for (const { kase, heard } of checks) {
      expect(stored(kase.id), `${kase.observedAt} / ${heard}`).toBe(
        prosecutionDeadline(kase.observedAt, heard).date,
      );
    }
  });

  it('moves when a dispute is added, changed or removed', () => {
    const kase = aCase({ observedAt: '2026-01-15T10:00:00.000Z' });
    feed.upsert('case', kase);
    expect(stored(kase.id)).toBe('2026-04-15');
    const late = aDispute(kase.id, { receivedAt: '2026-03-01T09:00:00.000Z' });
    feed.upsert('dispute', late);
    expect(stored(kase.id)).toBe('2026-06-01');
    const early = aDispute(kase.id, { receivedAt: '2026-02-01T09:00:00.000Z' });
    feed.upsert('dispute', early);
    expect(stored(kase.id)).toBe('2026-05-01');
    feed.upsert('dispute', { ...early, receivedAt: '2026-02-10T09:00:00.000Z' });
    expect(stored(kase.id)).toBe('2026-05-10');
    feed.remove('dispute', early.id);
    expect(stored(kase.id)).toBe('2026-06-01');
    feed.remove('dispute', late.id);
    expect(stored(kase.id)).toBe('2026-04-15');
    // A sync upsert of the case (all feed columns) keeps what the disputes set.
    feed.upsert('dispute', late);
    feed.upsert('case', { ...kase, status: 'decided', version: 2 });
    expect(stored(kase.id)).toBe('2026-06-01');
  });
});
