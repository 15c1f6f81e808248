import type { CaseStatus } from '../../shared/domain/case';
import type { DisputeRecord, NewDispute } from '../../shared/domain/dispute';
import { ApiFailure } from '../errors';
import { OFFICE } from '../feed/audiences';
import type { FeedRecorder } from '../feed/types';
import type { SqlExecutor } from '../store/client';
import { recordCaseEvent } from './events';
import { lockCase, updateCase } from './update';

/** A dispute can only be lodged while the case is still being pursued. */
const DISPUTABLE: readonly CaseStatus[] = ['open', 'disputed', 'awaiting_statement'];

export interface DisputeRow {
  id: string;
  case_id: string;
  received_at: Date;
  channel: DisputeRecord['channel'];
  statement: string;
  recorded_by: string;
  recorded_at: Date;
}

export function toDisputeRecord(row: DisputeRow): DisputeRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    receivedAt: row.received_at.toISOString(),
    channel: row.channel,
    statement: row.statement,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
  };
}

export interface RecordDisputeResult {
  record: DisputeRecord;
  created: boolean;
}

/**
 * Records a dispute (Widerspruch) against a case, at most once per id: a repeated id answers the
 * stored dispute. The case moves to `disputed` unless it already waits for a statement.
 */
export async function recordDispute(
  tx: SqlExecutor,
  feed: FeedRecorder,
  userId: string,
  input: NewDispute,
): Promise<RecordDisputeResult> {
  const found = await tx.query<DisputeRow>('SELECT * FROM disputes WHERE id = $1', [input.id]);
  if (found[0]) {
    if (found[0].case_id !== input.caseId) {
      throw new ApiFailure(
        409,
        'id_conflict',
        'A dispute with this id exists for another case',
        'id',
      );
    }
    return { record: toDisputeRecord(found[0]), created: false };
  }
  const current = await lockCase(tx, input.caseId);
  if (!current) throw new ApiFailure(404, 'not_found', `No case ${input.caseId}`, 'caseId');
  if (!DISPUTABLE.includes(current.status)) {
    throw new ApiFailure(
      409,
      'case_not_open',
      `The case is ${current.status}; a dispute can no longer be recorded`,
      'caseId',
    );
  }
  const inserted = await tx.query<DisputeRow>(
    `INSERT INTO disputes (id, case_id, received_at, channel, statement, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING
     RETURNING *`,
    [input.id, input.caseId, input.receivedAt, input.channel, input.statement, userId],
  );
  const row = inserted[0];
  if (!row) {
    // A concurrent request with the same id committed first.
    const raced = await tx.query<DisputeRow>('SELECT * FROM disputes WHERE id = $1', [input.id]);
    if (!raced[0]) throw new Error(`Dispute ${input.id} neither inserted nor found`);
    return { record: toDisputeRecord(raced[0]), created: false };
  }
  const record = toDisputeRecord(row);
  feed.record({ entity: 'dispute', id: record.id, op: 'upsert', data: record, audience: OFFICE });
  if (current.status === 'open') await updateCase(tx, feed, current.id, { status: 'disputed' });
  await recordCaseEvent(tx, feed, {
    caseId: current.id,
    kind: 'disputed',
    actorId: userId,
    refId: record.id,
    detail: record.channel,
  });
  return { record, created: true };
}
