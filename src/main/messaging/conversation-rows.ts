import type { ConversationKind } from '../../shared/domain/conversation';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

/** A conversation the reader is a member of, with what its name and team come from. */
export interface ConversationRow {
  id: string;
  kind: ConversationKind;
  title: string;
  created_at: string;
  team_id: string | null;
  member_count: number;
  team_name: string | null;
  /** For a direct conversation: the other member (the first by id should there be several). */
  other_id: string | null;
  other_name: string | null;
  other_team_name: string | null;
}

/**
 * The reader's conversations: members (by user, the `members_user` index) joined with the
 * conversation, the team, and for a direct one the other person and their team. A member row
 * whose conversation this console does not have (yet) is no conversation to show.
 */
const MINE = `
  SELECT x.*, t.name AS team_name, op.display_name AS other_name, ot.name AS other_team_name
    FROM (
      SELECT c.id, c.kind, c.title, c.team_id, c.created_at,
             (SELECT count(*) FROM members n WHERE n.conversation_id = c.id) AS member_count,
             CASE WHEN c.kind = 'direct' THEN
               (SELECT o.user_id FROM members o
                 WHERE o.conversation_id = c.id AND o.user_id <> @me
                 ORDER BY o.user_id LIMIT 1)
             END AS other_id
        FROM members mine JOIN conversations c ON c.id = mine.conversation_id
       WHERE mine.user_id = @me %FILTER%
    ) x
    LEFT JOIN teams t ON t.id = x.team_id
    LEFT JOIN people op ON op.id = x.other_id
    LEFT JOIN teams ot ON ot.id = op.team_id`;

export function myConversations(db: Db, me: string): ConversationRow[] {
  return prepared(db, MINE.replace('%FILTER%', '')).all({ me }) as ConversationRow[];
}

/** One of the reader's conversations, or undefined when it is not theirs or not there. */
export function myConversation(db: Db, me: string, id: string): ConversationRow | undefined {
  return prepared(db, MINE.replace('%FILTER%', 'AND mine.conversation_id = @id')).get({
    me,
    id,
  }) as ConversationRow | undefined;
}

/** A group's or channel's title; a direct conversation is named after the other person. */
export function titleOf(row: ConversationRow): string {
  if (row.kind !== 'direct') return row.title;
  return row.other_name ?? row.other_id ?? row.title;
}

/** The team of a team channel or group, or of the other person of a direct conversation. */
export function teamNameOf(row: ConversationRow): string | null {
  return row.kind === 'direct' ? row.other_team_name : row.team_name;
}
