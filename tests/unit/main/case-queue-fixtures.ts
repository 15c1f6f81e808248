import { randomUUID } from 'node:crypto';
import { calls, type CallOutput } from '../../../src/shared/contract';
import type { CaseRecord } from '../../../src/shared/domain/case';
import type { DisputeRecord } from '../../../src/shared/domain/dispute';
import type { FeedChange, FeedEntity, FeedRecordOf } from '../../../src/shared/sync/feed';
import { caseCallsImpl } from '../../../src/main/cases/calls';
import type { Db } from '../../../src/main/db/connection';
import { createPageApplier } from '../../../src/main/sync/apply';
import { makeCase } from '../../support/cases';
import { remove as removeChange, upsert as upsertChange } from './feed-records';

/** The tests' "now": a Friday in late November 2026, 13:00 in Berlin. */
export const NOW = new Date('2026-11-20T12:00:00.000Z');
export const ME = 'clerk-me';

/** Writes through the sync's real apply path, so the search triggers see what the sync does. */
export class Feed {
  private cursor = 0;
  private readonly apply;
  constructor(db: Db) {
    this.apply = createPageApplier(db);
  }
  upsert<E extends FeedEntity>(entity: E, ...records: FeedRecordOf<E>[]): void {
    const changes = records.map((r) => upsertChange(entity, r, ++this.cursor));
    this.page(changes);
  }
  remove(entity: FeedEntity, id: string): void {
    this.page([removeChange(entity, id, ++this.cursor)]);
  }
  private page(changes: FeedChange[]): void {
    this.apply(changes, this.cursor, NOW.toISOString());
  }
}

let fileSeq = 0;
/** A case with a unique file number; override what the test is about. */
export function aCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  fileSeq++;
  return makeCase({
    fileNumber: `VW-2026-${String(fileSeq).padStart(7, '0')}`,
    observedAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  });
}

export function aDispute(caseId: string, overrides: Partial<DisputeRecord> = {}): DisputeRecord {
  return {
    id: randomUUID(),
    caseId,
    receivedAt: '2026-11-10T08:00:00.000Z',
    channel: 'letter',
    statement: 'Ich habe nur kurz gehalten.',
    recordedBy: 'clerk-1',
    recordedAt: '2026-11-10T08:00:00.000Z',
    ...overrides,
  };
}

/** An outbox row as the outbox writes it, for views that look at local work. */
export function addOutbox(
  db: Db,
  caseId: string,
  state: 'pending' | 'pushing' | 'conflict' | 'rejected',
): string {
  const id = randomUUID();
  const mutation = {
    id,
    kind: 'decision',
    caseId,
    baseVersion: 1,
    decision: 'uphold',
    reasonCode: 'offence_proven',
    text: '',
  };
  db.prepare(
    `INSERT INTO outbox (id, kind, mutation, state, case_id, server_version, reason,
       created_at, updated_at)
     VALUES (?, 'decision', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    JSON.stringify(mutation),
    state,
    caseId,
    state === 'conflict' ? JSON.stringify({ entity: 'case', data: { id: caseId } }) : null,
    state === 'conflict' ? 'decided elsewhere' : null,
    NOW.toISOString(),
    NOW.toISOString(),
  );
  return id;
}

/** The case calls, run as the renderer runs them: input through the contract's schema first. */
export function caseCalls(db: Db, me: string | null = ME) {
  const impl = caseCallsImpl(db, { me: () => me, now: () => NOW });
  return async function call<
    N extends
      'cases.queue' | 'cases.queueTotal' | 'cases.queueCounts' | 'cases.get' | 'cases.directory',
  >(name: N, input: unknown): Promise<CallOutput<N>> {
    const parsed = calls[name].input.parse(input);
    const run = impl[name] as (input: unknown) => Promise<CallOutput<N>>;
    const output = await run(parsed);
    // The output must match what the contract promises the renderer.
    calls[name].output.parse(output);
    return output;
  };
}
export type CaseCall = ReturnType<typeof caseCalls>;
