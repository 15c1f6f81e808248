import type { CaseRecord, CaseStatus } from '../../shared/domain/case';
import { ApiFailure } from '../errors';
import { caseAudience } from '../feed/audiences';
import type { FeedRecorder } from '../feed/types';
import type { SqlExecutor } from '../store/client';
import { CASE_COLUMNS, toCaseRecord, type CaseRow } from './rows';

/** Sends a case's current state to the feed. */
export function recordCase(feed: FeedRecorder, record: CaseRecord): void {
  feed.record({
    entity: 'case',
    id: record.id,
    op: 'upsert',
    data: record,
    audience: caseAudience(record.officerId),
  });
}

/** The case with `id`, row-locked for the rest of the transaction; null if unknown. */
export async function lockCase(tx: SqlExecutor, id: string): Promise<CaseRecord | null> {
  const rows = await tx.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ? toCaseRecord(rows[0]) : null;
}

/**
 * Changes a case's status and optionally its fine, bumping its version; the new state goes to
 * the feed.
 */
export async function updateCase(
  tx: SqlExecutor,
  feed: FeedRecorder,
  id: string,
  change: { status: CaseStatus; fineCents?: number },
): Promise<CaseRecord> {
  const rows = await tx.query<CaseRow>(
    `UPDATE cases SET status = $2, fine_cents = COALESCE($3, fine_cents),
       version = version + 1, updated_at = now()
     WHERE id = $1
     RETURNING ${CASE_COLUMNS}`,
    [id, change.status, change.fineCents ?? null],
  );
  const row = rows[0];
  if (!row) throw new ApiFailure(404, 'not_found', `No case ${id}`);
  const record = toCaseRecord(row);
  recordCase(feed, record);
  return record;
}

/** Moves a case to `status`, bumping its version; the new state goes to the feed. */
export function setCaseStatus(
  tx: SqlExecutor,
  feed: FeedRecorder,
  id: string,
  status: CaseStatus,
): Promise<CaseRecord> {
  return updateCase(tx, feed, id, { status });
}
