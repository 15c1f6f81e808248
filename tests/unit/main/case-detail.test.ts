import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calls, ContractError } from '../../../src/shared/contract';
import { CASE_NOT_FOUND } from '../../../src/shared/contract/case-calls';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { caseCalls, aCase } from './case-queue-fixtures';
import { seedQueue } from './case-queue-data';

const sha = (seed: string) => createHash('sha256').update(seed).digest('hex');

describe('cases.get', () => {
  let db: Db;
  let seeded: ReturnType<typeof seedQueue>;
  const call = () => caseCalls(db);
  beforeEach(() => {
    db = openDatabase(':memory:');
    seeded = seedQueue(db);
  });
  afterEach(() => db.close());

  it('returns everything about a case with disputes, decisions, events, claim and plate history', async () => {
    const { feed, cases, disputes } = seeded;
    const A = cases.A;
    const decided = randomUUID();
    const local = randomUUID();
    feed.upsert(
      'decision',
      {
        id: decided,
        caseId: A.id,
        kind: 'request_statement',
        reasonCode: 'statement_needed',
        text: 'Bitte Stellungnahme.',
        newAmountCents: null,
        clerkId: 'clerk-other',
        decidedAt: '2026-11-06T10:00:00.000Z',
      },
      {
        id: local,
        caseId: A.id,
        kind: 'withdraw',
        reasonCode: 'sign_faulty',
        text: '',
        newAmountCents: null,
        clerkId: 'clerk-me',
        decidedAt: '2026-11-20T11:00:00.000Z',
      },
    );
    const event = (
      id: string,
      kind: 'recorded' | 'disputed' | 'decided',
      at: string,
      refId: string | null,
      actorId: string,
    ) => ({
      id,
      caseId: A.id,
      kind,
      actorId,
      at,
      refId,
      detail: kind === 'decided' ? 'request_statement' : null,
    });
    feed.upsert(
      'case_event',
      event('e1', 'recorded', A.observedAt, null, 'officer-1'),
      event('e2', 'disputed', '2026-11-05T08:00:00.000Z', disputes.A.id, 'clerk-1'),
      event('e3', 'decided', '2026-11-06T10:00:00.000Z', decided, 'clerk-other'),
    );
    const conversationId = randomUUID();
    feed.upsert('message', {
      id: randomUUID(),
      conversationId,
      senderId: 'officer-1',
      body: 'Das Schild war gut sichtbar.',
      caseId: A.id,
      photoSha256s: [],
      replyToId: null,
      priority: 'normal',
      ackRequested: false,
      sentAt: '2026-11-08T07:30:00.000Z',
      dispatchId: null,
      remindedAt: null,
    });
    const photo = (seed: string, takenAt: string) => ({
      sha256: sha(seed),
      caseId: A.id,
      takenAt,
      lat: 48.16,
      lon: 11.58,
      sizeBytes: 1000,
      contentType: 'image/jpeg' as const,
      uploadedBy: 'officer-1',
    });
    feed.upsert(
      'photo',
      photo('p2', '2026-11-01T09:01:00.000Z'),
      photo('p1', '2026-11-01T09:00:00.000Z'),
    );
    // Older cases of the same plate; another plate stays out.
    const older = aCase({
      plate: A.plate,
      observedAt: '2025-03-01T10:00:00.000Z',
      status: 'closed',
    });
    feed.upsert('case', older, aCase({ plate: 'M-AB 12345' }));

    const detail = await call()('cases.get', { caseId: A.id });
    expect(detail.case).toEqual(A);
    expect(detail).toMatchObject({
      version: 3,
      deadline: '2027-02-05',
      daysLeft: 77,
      deadlineInterrupted: true,
      offence: { code: '112402', text: A.offenceText, standardFineCents: 2500 },
      officer: {
        id: 'officer-1',
        name: 'Anna Huber',
        team: { id: 'team-nord', name: 'Team Nord' },
      },
      place: { street: 'Leopoldstraße', houseNumber: '12', district: 4, lat: 48.16, lon: 11.58 },
      claim: { clerkId: 'clerk-me', clerkName: 'Erika Muster', mine: true },
    });
    expect(detail.disputes).toEqual([disputes.A]);
    expect(detail.photos.map((p) => p.sha256)).toEqual([sha('p1'), sha('p2')]);
    expect(detail.decisions.map((d) => d.id)).toEqual([decided, local]);
    expect(detail.samePlate.map((c) => c.id)).toEqual([cases.E.id, older.id]);
    expect(detail.outbox.map((o) => o.state)).toEqual(['pending']);

    // The trail, a message about the case, and the decision the trail does not know yet; the
    // decision the trail already names appears once.
    expect(detail.timeline.map((t) => [t.source, t.kind, t.actor.name, t.at.slice(0, 10)])).toEqual(
      [
        ['event', 'recorded', 'Anna Huber', '2026-11-01'],
        ['event', 'disputed', 'clerk-1', '2026-11-05'],
        ['event', 'decided', 'Max Beispiel', '2026-11-06'],
        ['message', 'message', 'Anna Huber', '2026-11-08'],
        ['decision', 'decided', 'Erika Muster', '2026-11-20'],
      ],
    );
    expect(detail.timeline[3]).toMatchObject({
      detail: 'Das Schild war gut sichtbar.',
      refId: conversationId,
    });
    expect(detail.timeline[4]?.detail).toBe('withdraw (sign_faulty)');
  });

  it('works for a bare case the directory knows nothing about', async () => {
    const lonely = aCase({
      plate: 'HH-Z 1',
      officerId: 'ghost',
      offenceCode: 'X1',
      status: 'open',
    });
    seeded.feed.upsert('case', lonely);
    const detail = await call()('cases.get', { caseId: lonely.id });
    expect(detail).toMatchObject({
      officer: { id: 'ghost', name: null, team: null },
      offence: { standardFineCents: null },
      claim: null,
      deadlineInterrupted: false,
      disputes: [],
      photos: [],
      decisions: [],
      timeline: [],
      samePlate: [],
      outbox: [],
    });
  });

  it('shows a conflict of the case', async () => {
    const detail = await call()('cases.get', { caseId: seeded.cases.B.id });
    expect(detail.outbox).toHaveLength(1);
    expect(detail.outbox[0]).toMatchObject({
      state: 'conflict',
      conflict: { reason: 'decided elsewhere' },
    });
  });

  it('answers an unknown case with a not-found error', async () => {
    const id = randomUUID();
    const failure = call()('cases.get', { caseId: id });
    await expect(failure).rejects.toBeInstanceOf(ContractError);
    await expect(failure).rejects.toMatchObject({ code: 'not_found' });
    await expect(failure).rejects.toThrow(`${CASE_NOT_FOUND}: ${id}`);
  });

  it('rejects an id that is no UUID at the schema', () => {
    const schema = calls['cases.get'].input;
    expect(schema.safeParse({ caseId: 'x' }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ caseId: randomUUID(), more: 1 }).success).toBe(false);
  });
});
