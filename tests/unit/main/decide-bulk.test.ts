import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { ContractImpl } from '../../../src/shared/contract';
import { dispatchCall } from '../../../src/main/contract/dispatch';
import type { Db } from '../../../src/main/db/connection';
import { call, CLERK, insertCase, localCase, outboxStates, outboxFixture } from './outbox-support';

const bulkInput = (caseIds: string[]) => ({
  caseIds,
  decision: 'withdraw' as const,
  reasonCode: 'sign_faulty' as const,
  text: 'Haltverbotsschild in der Leopoldstraße verdeckt.',
});

function claimBy(db: Db, caseId: string, clerkId: string, expiresInMs: number) {
  const now = Date.now();
  db.prepare(
    'INSERT INTO claims (case_id, clerk_id, claimed_at, expires_at) VALUES (?, ?, ?, ?)',
  ).run(
    caseId,
    clerkId,
    new Date(now - 60_000).toISOString(),
    new Date(now + expiresInMs).toISOString(),
  );
}

const counts = (db: Db) =>
  db
    .prepare(
      `SELECT (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM decisions) AS decisions,
              (SELECT count(*) FROM cases WHERE status <> 'disputed') AS changed`,
    )
    .get() as { outbox: number; decisions: number; changed: number };

describe('work.decideBulk', () => {
  const { setup } = outboxFixture();

  /** As a transport calls it: the input validated by the contract, errors as the renderer sees them. */
  const dispatch = (impl: unknown, input: unknown) =>
    dispatchCall(impl as ContractImpl, 'work.decideBulk', input);

  it('records one decision per case, each exactly as work.decide would, and pushes them', async () => {
    const { db, impl, service, server, changes } = setup();
    const cases = [insertCase(db), insertCase(db, { version: 7 }), insertCase(db)];
    const result = await call(impl, 'work.decideBulk', bulkInput(cases.map((c) => c.id)));

    expect(result.skipped).toEqual([]);
    expect(result.queued.map((i) => i.caseId)).toEqual(cases.map((c) => c.id));
    for (const [i, item] of result.queued.entries()) {
      expect(item).toMatchObject({ kind: 'decision', state: 'pending' });
      expect(item.mutation).toEqual({
        id: item.id,
        kind: 'decision',
        caseId: cases[i]?.id,
        baseVersion: cases[i]?.version,
        decision: 'withdraw',
        reasonCode: 'sign_faulty',
        text: 'Haltverbotsschild in der Leopoldstraße verdeckt.',
      });
      // The optimistic effect of work.decide: the case shows it, the version stays the server's.
      expect(localCase(db, cases[i]?.id ?? '')).toMatchObject({
        status: 'withdrawn',
        version: cases[i]?.version,
      });
    }
    expect(db.prepare('SELECT DISTINCT clerk_id FROM decisions').all()).toEqual([
      { clerk_id: CLERK.id },
    ]);
    // One announcement for the whole batch.
    expect(changes).toEqual([{ entities: ['outbox', 'cases'] }]);

    service.start();
    await vi.waitFor(() => expect(server.applied).toHaveLength(3), { timeout: 3000 });
    expect(server.applied.toSorted()).toEqual(result.queued.map((i) => i.id).toSorted());
    expect(new Set(Object.values(outboxStates(db)))).toEqual(new Set(['applied']));
  });

  it('skips cases that are gone, not decidable, claimed by someone else or already being decided', async () => {
    const { db, impl } = setup();
    const open = insertCase(db);
    const closed = insertCase(db, { status: 'closed' });
    const decided = insertCase(db, { status: 'decided' });
    const claimed = insertCase(db);
    const lapsedClaim = insertCase(db);
    const mine = insertCase(db);
    const onItsWay = insertCase(db);
    const gone = randomUUID();
    claimBy(db, claimed.id, 'other-clerk', 10 * 60_000);
    claimBy(db, lapsedClaim.id, 'other-clerk', -60_000);
    claimBy(db, mine.id, CLERK.id, 10 * 60_000);
    const first = await call(impl, 'work.decide', {
      caseId: onItsWay.id,
      baseVersion: onItsWay.version,
      decision: 'uphold',
      reasonCode: 'offence_proven',
    });

    const ids = [open, closed, decided, claimed, lapsedClaim, mine, onItsWay].map((c) => c.id);
    ids.splice(3, 0, gone);
    const result = await call(impl, 'work.decideBulk', { ...bulkInput(ids), decision: 'forward' });

    expect(result.queued.map((i) => i.caseId)).toEqual([open.id, lapsedClaim.id, mine.id]);
    expect(result.skipped).toEqual([
      { caseId: closed.id, reason: 'not_decidable' },
      { caseId: decided.id, reason: 'not_decidable' },
      { caseId: gone, reason: 'not_found' },
      { caseId: claimed.id, reason: 'claimed' },
      { caseId: onItsWay.id, reason: 'pending' },
    ]);
    expect(localCase(db, claimed.id).status).toBe('disputed');
    expect(localCase(db, open.id).status).toBe('forwarded');
    expect(Object.keys(outboxStates(db))).toEqual([first.id, ...result.queued.map((i) => i.id)]);
  });

  it('answers a list where nothing is decidable with everything skipped and nothing stored', async () => {
    const { db, impl, changes } = setup();
    const closed = insertCase(db, { status: 'withdrawn' });
    const result = await call(impl, 'work.decideBulk', bulkInput([closed.id]));
    expect(result).toEqual({
      queued: [],
      skipped: [{ caseId: closed.id, reason: 'not_decidable' }],
    });
    expect(counts(db).outbox).toBe(0);
    expect(changes).toEqual([]);
  });

  it.each([
    ['an empty list', { caseIds: [] }, /caseIds/],
    [
      'more than 500 cases',
      { caseIds: Array.from({ length: 501 }, () => randomUUID()) },
      /caseIds/,
    ],
    ['a case twice', 'duplicate', /duplicates/],
    ['an id that is no uuid', { caseIds: ['not-a-uuid'] }, /caseIds/],
    ['a reduction', { decision: 'reduce' }, /decision/],
    ['an upheld fine', { decision: 'uphold' }, /decision/],
    ['a missing reason', { reasonCode: undefined }, /reasonCode/],
    ['an unknown reason', { reasonCode: 'weather' }, /reasonCode/],
    ['an amount', { newAmountCents: 1000 }, /newAmountCents|Unrecognized/i],
    ['a text too long', { text: 'x'.repeat(4001) }, /text/],
  ])('refuses %s with a clear error and stores nothing', async (_name, change, message) => {
    const { db, impl, changes } = setup();
    const cases = [insertCase(db), insertCase(db)];
    const ids = cases.map((c) => c.id);
    const input =
      change === 'duplicate'
        ? bulkInput([...ids, ids[0] ?? ''])
        : { ...bulkInput(ids), ...(change as Record<string, unknown>) };
    const answer = await dispatch(impl, input);
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('invalid_input');
      expect(answer.error.message).toMatch(/^Invalid input for work\.decideBulk/);
      expect(answer.error.message).toMatch(message);
    }
    expect(counts(db)).toEqual({ outbox: 0, decisions: 0, changed: 0 });
    expect(changes).toEqual([]);
  });

  it('stores nothing at all when one case fails halfway', async () => {
    const { db, impl } = setup();
    const cases = [insertCase(db), insertCase(db), insertCase(db)];
    // The third entry cannot be written (as if the disk were full) after two went in.
    db.exec(`CREATE TEMP TRIGGER fail_third BEFORE INSERT ON outbox
      WHEN (SELECT count(*) FROM outbox) >= 2 BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(call(impl, 'work.decideBulk', bulkInput(cases.map((c) => c.id)))).rejects.toThrow(
      /disk full/,
    );
    expect(counts(db)).toEqual({ outbox: 0, decisions: 0, changed: 0 });
  });
});
