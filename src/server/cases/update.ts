import type { CaseRecord, CaseStatus } from '../../shared/domain/case';
import { ApiFailure } from '../errors';
import type { FeedRecorder } from '../feed/types';
import type { SqlExecutor } from '../store/client';
import { CASE_COLUMNS, toCaseRecord, type CaseRow } from './rows';

/** Moves a case to `status`, bumping its version; the new state goes to the feed. */
export async function setCaseStatus(
  tx: SqlExecutor,
  feed: FeedRecorder,
  id: string,
  status: CaseStatus,
): Promise<CaseRecord> {
  const rows = await tx.query<CaseRow>(
    `UPDATE cases SET status = $2, version = version + 1, updated_at = now()
     WHERE id = $1
     RETURNING ${CASE_COLUMNS}`,
    [id, status],
  );
  const row = rows[0];
  if (!row) throw new ApiFailure(404, 'not_found', `No case ${id}`);
  const record = toCaseRecord(row);
  feed.record({ entity: 'case', id: record.id, op: 'upsert', data: record });
  return record;
}
