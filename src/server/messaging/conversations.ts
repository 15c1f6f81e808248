import { randomUUID } from 'node:crypto';
import type {
  ConversationKind,
  ConversationRecord,
  MemberRecord,
  MemberRole,
} from '../../shared/domain/conversation';
import type { AuthUser } from '../auth/sessions';
import { ApiFailure } from '../errors';
import { conversationAudience } from '../feed/audiences';
import type { FeedRecorder } from '../feed/types';
import type { SqlExecutor } from '../store/client';

interface ConversationRow {
  id: string;
  kind: ConversationKind;
  title: string;
  team_id: string | null;
  created_by: string;
  created_at: Date;
}

function toConversationRecord(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    teamId: row.team_id,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

const SELECT_CONVERSATION =
  'SELECT id, kind, title, team_id, created_by, created_at FROM conversations';

export async function findConversation(
  tx: SqlExecutor,
  id: string,
): Promise<ConversationRecord | null> {
  const rows = await tx.query<ConversationRow>(`${SELECT_CONVERSATION} WHERE id = $1`, [id]);
  return rows[0] ? toConversationRecord(rows[0]) : null;
}

export async function memberRole(
  tx: SqlExecutor,
  conversationId: string,
  userId: string,
): Promise<MemberRole | null> {
  const rows = await tx.query<{ role: MemberRole }>(
    'SELECT role FROM conversation_members WHERE conversation_id = $1 AND user_id = $2',
    [conversationId, userId],
  );
  return rows[0]?.role ?? null;
}

export interface NewConversation {
  id: string;
  kind: ConversationKind;
  title: string;
  teamId?: string | undefined;
  /** Everyone but the creator, who joins as owner. */
  memberIds: readonly string[];
}

function directKey(a: string, b: string): string {
  return [a, b].sort().join('|');
}

/**
 * Creates a conversation with its members, all in the feed for the members only. Direct
 * conversations are one per pair of people: opening one that exists answers the existing one
 * (under its own id), so two clients starting the same chat end up in the same place.
 */
export async function openConversation(
  tx: SqlExecutor,
  feed: FeedRecorder,
  creator: AuthUser,
  input: NewConversation,
): Promise<ConversationRecord> {
  if (input.kind !== 'direct' && creator.role !== 'team_lead' && creator.role !== 'admin') {
    throw new ApiFailure(403, 'forbidden', 'Only team leads create groups and channels', 'type');
  }
  const others = [...new Set(input.memberIds)].filter((id) => id !== creator.id);
  if (others.length === 0) {
    throw new ApiFailure(400, 'invalid_input', 'A conversation needs someone else', 'memberIds');
  }
  const known = await tx.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1)', [others]);
  if (known.length !== others.length) {
    const found = new Set(known.map((row) => row.id));
    const missing = others.find((id) => !found.has(id)) ?? '';
    throw new ApiFailure(404, 'unknown_user', `No user ${missing}`, 'memberIds');
  }
  if (input.teamId !== undefined) {
    const team = await tx.query('SELECT 1 FROM teams WHERE id = $1', [input.teamId]);
    if (team.length === 0) throw new ApiFailure(404, 'unknown_team', 'No such team', 'teamId');
  }

  const sameId = await findConversation(tx, input.id);
  if (sameId) {
    if (sameId.createdBy !== creator.id) {
      throw new ApiFailure(409, 'id_conflict', 'A conversation with this id exists', 'id');
    }
    return sameId;
  }
  const key = input.kind === 'direct' ? directKey(creator.id, others[0] ?? '') : null;
  const inserted = await tx.query<ConversationRow>(
    `INSERT INTO conversations (id, kind, title, team_id, created_by, direct_key)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING
     RETURNING id, kind, title, team_id, created_by, created_at`,
    [input.id, input.kind, input.title, input.teamId ?? null, creator.id, key],
  );
  const row = inserted[0];
  if (!row) {
    const existing = await tx.query<ConversationRow>(
      `${SELECT_CONVERSATION} WHERE id = $1 OR direct_key = $2`,
      [input.id, key],
    );
    if (!existing[0]) throw new Error('conversation neither inserted nor found');
    return toConversationRecord(existing[0]);
  }
  const record = toConversationRecord(row);
  const audience = conversationAudience(record.id);
  feed.record({ entity: 'conversation', id: record.id, op: 'upsert', data: record, audience });
  const members = [
    { userId: creator.id, role: 'owner' as const },
    ...others.map((userId) => ({ userId, role: 'member' as const })),
  ];
  const joined = await tx.query<{ user_id: string; role: MemberRole; joined_at: Date }>(
    `INSERT INTO conversation_members (conversation_id, user_id, role)
     SELECT $1, x."userId", x.role FROM jsonb_to_recordset($2::jsonb) AS x("userId" text, role text)
     RETURNING user_id, role, joined_at`,
    [record.id, JSON.stringify(members)],
  );
  for (const member of joined) {
    const data: MemberRecord = {
      conversationId: record.id,
      userId: member.user_id,
      role: member.role,
      joinedAt: member.joined_at.toISOString(),
    };
    feed.record({
      entity: 'member',
      id: `${record.id}:${member.user_id}`,
      op: 'upsert',
      data,
      audience,
    });
  }
  return record;
}

/** The direct conversation of two people, created when they have none yet. */
export function directConversation(
  tx: SqlExecutor,
  feed: FeedRecorder,
  from: AuthUser,
  toUserId: string,
): Promise<ConversationRecord> {
  return openConversation(tx, feed, from, {
    id: randomUUID(),
    kind: 'direct',
    title: '',
    memberIds: [toUserId],
  });
}
