import type { TimelineEntry } from '../../shared/contract/case-calls';
import type { CaseEventKind } from '../../shared/domain/case-event';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

interface EntryRow {
  source: TimelineEntry['source'];
  id: string;
  at: string;
  kind: CaseEventKind;
  actor_id: string;
  actor_name: string | null;
  detail: string | null;
  ref_id: string | null;
}

/** Longest summary a timeline entry carries (a message body is cut there). */
const DETAIL_MAX = 200;

/**
 * Everything that happened to a case, oldest first: its trail (case_events), and the decisions
 * and messages about it that the trail does not already point to (the server notes a decision
 * or message as an event with its id in ref_id; a local, unpushed one has no event yet).
 */
const TIMELINE_SQL = `
  SELECT 'event' AS source, e.id, e.at, e.kind, e.actor_id, p.display_name AS actor_name,
         e.detail, e.ref_id
    FROM case_events e LEFT JOIN people p ON p.id = e.actor_id
   WHERE e.case_id = @caseId
  UNION ALL
  SELECT 'decision', d.id, d.decided_at, 'decided', d.clerk_id, p.display_name,
         d.kind || ' (' || d.reason_code || ')', NULL
    FROM decisions d LEFT JOIN people p ON p.id = d.clerk_id
   WHERE d.case_id = @caseId
     AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = @caseId AND e.ref_id = d.id)
  UNION ALL
  SELECT 'message', m.id, m.sent_at, 'message', m.sender_id, p.display_name,
         substr(m.body, 1, ${DETAIL_MAX}), m.conversation_id
    FROM messages m LEFT JOIN people p ON p.id = m.sender_id
   WHERE m.case_id = @caseId
     AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = @caseId AND e.ref_id = m.id)
  ORDER BY 3, 2`;

export function caseTimeline(db: Db, caseId: string): TimelineEntry[] {
  const rows = prepared(db, TIMELINE_SQL).all({ caseId }) as EntryRow[];
  return rows.map((r) => ({
    source: r.source,
    id: r.id,
    at: r.at,
    kind: r.kind,
    actor: { id: r.actor_id, name: r.actor_name ?? r.actor_id },
    detail: r.detail,
    refId: r.ref_id,
  }));
}
