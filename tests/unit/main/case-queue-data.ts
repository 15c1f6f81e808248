import type { CaseRecord } from '../../../src/shared/domain/case';
import type { Db } from '../../../src/main/db/connection';
import { addOutbox, aCase, aDispute, Feed, ME, NOW } from './case-queue-fixtures';

const inAnHour = new Date(NOW.getTime() + 3_600_000).toISOString();
const anHourAgo = new Date(NOW.getTime() - 3_600_000).toISOString();

/**
 * A small queue with one case per situation (NOW is 20 Nov 2026):
 * A disputed, claimed by me, a decision pending; B disputed, claimed by another clerk, in
 * conflict; C disputed, its claim expired; D awaiting a statement, 5 days left; E decided, same
 * plate as A; F disputed, lapsed; G disputed, 10 days left; H open.
 */
export function seedQueue(db: Db) {
  const feed = new Feed(db);
  feed.upsert('team', { id: 'team-nord', name: 'Team Nord', districts: [4] });
  feed.upsert(
    'person',
    { id: ME, displayName: 'Erika Muster', role: 'clerk', teamId: null },
    { id: 'clerk-other', displayName: 'Max Beispiel', role: 'clerk', teamId: null },
    { id: 'officer-1', displayName: 'Anna Huber', role: 'officer', teamId: 'team-nord' },
  );
  feed.upsert('offence', {
    code: '112402',
    text: 'Parken im absoluten Halteverbot',
    fineCents: 2500,
    illustrative: true,
  });
  const base = { officerId: 'officer-2', offenceCode: '141100', district: 9 };
  const cases = {
    A: aCase({
      plate: 'M-AB 1234',
      street: 'Leopoldstraße',
      houseNumber: '12',
      district: 4,
      fineCents: 2500,
      officerId: 'officer-1',
      offenceCode: '112402',
      observedAt: '2026-11-01T09:00:00.000Z',
      status: 'disputed',
      version: 3,
    }),
    B: aCase({
      ...base,
      plate: 'M-AB 5678',
      street: 'Sendlinger Straße',
      houseNumber: '3',
      district: 2,
      fineCents: 3500,
      observedAt: '2026-10-15T09:00:00.000Z',
      status: 'disputed',
    }),
    C: aCase({
      ...base,
      plate: 'B-XY 99',
      street: 'Maximilianstraße',
      houseNumber: '1',
      district: 1,
      fineCents: 1000,
      observedAt: '2026-09-10T09:00:00.000Z',
      status: 'disputed',
    }),
    D: aCase({
      ...base,
      plate: 'K-LM 42',
      street: 'Hohenzollernstraße',
      fineCents: 5500,
      observedAt: '2026-08-20T09:00:00.000Z',
      status: 'awaiting_statement',
    }),
    E: aCase({
      ...base,
      plate: 'M-AB 1234',
      street: 'Schellingstraße',
      fineCents: 2000,
      observedAt: '2026-06-01T09:00:00.000Z',
      status: 'decided',
    }),
    F: aCase({
      ...base,
      plate: 'S-TU 7',
      street: 'Dachauer Straße',
      fineCents: 1500,
      observedAt: '2026-05-01T09:00:00.000Z',
      status: 'disputed',
    }),
    G: aCase({
      ...base,
      plate: 'RO-G 808',
      street: 'Rosenheimer Platz',
      fineCents: 7000,
      observedAt: '2026-08-30T09:00:00.000Z',
      status: 'disputed',
    }),
    H: aCase({
      ...base,
      plate: 'FS-H 1',
      street: 'Ungererstraße',
      fineCents: 3000,
      observedAt: '2026-11-19T09:00:00.000Z',
      status: 'open',
    }),
  } satisfies Record<string, CaseRecord>;
  feed.upsert('case', ...Object.values(cases));
  const disputes = {
    A: aDispute(cases.A.id, {
      receivedAt: '2026-11-05T08:00:00.000Z',
      statement: 'Herr Müller hat das Schild verdeckt, ich konnte es nicht sehen.',
    }),
    D: aDispute(cases.D.id, { receivedAt: '2026-08-25T08:00:00.000Z', statement: 'Lieferung.' }),
    F: aDispute(cases.F.id, { receivedAt: '2026-07-15T08:00:00.000Z', statement: 'Notfall.' }),
  };
  feed.upsert('dispute', ...Object.values(disputes));
  feed.upsert(
    'claim',
    { caseId: cases.A.id, clerkId: ME, claimedAt: anHourAgo, expiresAt: inAnHour },
    { caseId: cases.B.id, clerkId: 'clerk-other', claimedAt: anHourAgo, expiresAt: inAnHour },
    { caseId: cases.C.id, clerkId: 'clerk-other', claimedAt: anHourAgo, expiresAt: anHourAgo },
  );
  addOutbox(db, cases.A.id, 'pending');
  addOutbox(db, cases.B.id, 'conflict');
  return { feed, cases, disputes };
}
