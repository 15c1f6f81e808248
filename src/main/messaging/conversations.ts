import {
  UNREAD_CAP,
  type ConversationList,
  type ConversationSummary,
} from '../../shared/contract/message-calls';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { myConversations, teamNameOf, titleOf, type ConversationRow } from './conversation-rows';
import { mayPostTo, type Reader } from './reader';
import { excerptOf } from './text';

interface LastRow {
  id: string;
  sender_id: string;
  sender_name: string | null;
  body: string;
  sent_at: string;
}

const LAST_SQL = `
  SELECT m.id, m.sender_id, p.display_name AS sender_name, m.body, m.sent_at
    FROM messages m LEFT JOIN people p ON p.id = m.sender_id
   WHERE m.conversation_id = ?
   ORDER BY m.sent_at DESC, m.id DESC LIMIT 1`;

/**
 * Newest first, 1 for a message that ends the unread run: one the reader wrote, or has read (an
 * acknowledgement implies reading). Walks `messages_conversation` backwards.
 */
const SEEN_SQL = `
  SELECT m.sender_id = @me OR EXISTS (
           SELECT 1 FROM receipts r
            WHERE r.message_id = m.id AND r.user_id = @me
              AND (r.read_at IS NOT NULL OR r.acknowledged_at IS NOT NULL))
    FROM messages m
   WHERE m.conversation_id = @conversation
   ORDER BY m.sent_at DESC, m.id DESC`;

/**
 * Messages from others after the newest one the reader wrote or read, counted from the newest
 * backwards and given up at UNREAD_CAP: a conversation of 100,000 messages never opened costs
 * UNREAD_CAP steps, not 100,000.
 */
export function unreadIn(db: Db, me: string, conversation: string): number {
  let unread = 0;
  for (const seen of prepared(db, SEEN_SQL).pluck().iterate({ me, conversation })) {
    if (seen === 1 || unread === UNREAD_CAP) break;
    unread++;
  }
  return unread;
}

function summaryOf(db: Db, reader: Reader, row: ConversationRow): ConversationSummary {
  const last = prepared(db, LAST_SQL).get(row.id) as LastRow | undefined;
  return {
    id: row.id,
    kind: row.kind,
    title: titleOf(row),
    otherUserId: row.kind === 'direct' ? row.other_id : null,
    teamId: row.kind === 'direct' ? null : row.team_id,
    teamName: teamNameOf(row),
    memberCount: row.member_count,
    canPost: mayPostTo(row.kind, reader),
    unread: unreadIn(db, reader.id, row.id),
    lastMessage: last
      ? {
          id: last.id,
          senderName: last.sender_name ?? last.sender_id,
          mine: last.sender_id === reader.id,
          excerpt: excerptOf(last.body),
          sentAt: last.sent_at,
        }
      : null,
    activeAt: last?.sent_at ?? row.created_at,
  };
}

const byActivity = (a: ConversationSummary, b: ConversationSummary) =>
  (a.activeAt < b.activeAt ? 1 : a.activeAt > b.activeAt ? -1 : 0) ||
  a.title.localeCompare(b.title, 'de') ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The reader's conversations, most recently active first, read from one snapshot. */
export function listConversations(db: Db, reader: Reader | null): ConversationList {
  if (!reader) return { items: [], unreadTotal: 0 };
  const read = db.transaction((): ConversationList => {
    const items = myConversations(db, reader.id)
      .map((row) => summaryOf(db, reader, row))
      .sort(byActivity);
    return { items, unreadTotal: items.reduce((sum, item) => sum + item.unread, 0) };
  });
  return read();
}
