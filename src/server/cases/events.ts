import type { CaseEventKind, CaseEventRecord } from '../../shared/domain/case-event';
import { OFFICE } from '../feed/audiences';
import type { FeedRecorder } from '../feed/types';
import type { SqlExecutor } from '../store/client';

export interface NewCaseEvent {
  caseId: string;
  kind: CaseEventKind;
  actorId: string;
  refId?: string | null;
  detail?: string | null;
}

/** Appends an entry to a case's audit trail, inside the caller's transaction. */
export async function recordCaseEvent(
  tx: SqlExecutor,
  feed: FeedRecorder,
  event: NewCaseEvent,
): Promise<CaseEventRecord> {
  const rows = await tx.query<{ id: number; at: Date }>(
    `INSERT INTO case_events (case_id, kind, actor_id, ref_id, detail)
     VALUES ($1, $2, $3, $4, $5) RETURNING id, at`,
    [event.caseId, event.kind, event.actorId, event.refId ?? null, event.detail ?? null],
  );
  const row = rows[0];
  if (!row) throw new Error('case event not inserted');
  const record: CaseEventRecord = {
    id: String(row.id),
    caseId: event.caseId,
    kind: event.kind,
    actorId: event.actorId,
    at: row.at.toISOString(),
    refId: event.refId ?? null,
    detail: event.detail ?? null,
  };
  feed.record({
    entity: 'case_event',
    id: record.id,
    op: 'upsert',
    data: record,
    audience: OFFICE,
  });
  return record;
}
