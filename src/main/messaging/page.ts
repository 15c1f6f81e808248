import { ContractError } from '../../shared/contract';
import type { MessagesPage, MessageView, OwnDelivery } from '../../shared/contract/message-calls';
import type { OutboxState } from '../../shared/contract/work-calls';
import type { Priority } from '../../shared/domain/conversation';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { myConversation } from './conversation-rows';
import type { Reader } from './reader';
import { excerptOf } from './text';

export interface PageInput {
  conversationId: string;
  offset: number;
  limit: number;
  tail?: boolean | undefined;
}

interface MessageRow {
  id: string;
  sender_id: string;
  sender_name: string | null;
  body: string;
  sent_at: string;
  priority: Priority;
  ack_requested: number;
  case_id: string | null;
  file_number: string | null;
  plate: string | null;
  photo_sha256s: string;
  reply_id: string | null;
  reply_sender_id: string | null;
  reply_sender_name: string | null;
  reply_body: string | null;
  delivered: number;
  read: number;
  acknowledged: number;
  my_read: number | null;
  my_ack: number | null;
}

/**
 * A stretch of the conversation by position. The inner query picks the rows off the index
 * `messages_conversation` (rowids only, so the skipped ones are never read), walking from the
 * nearer end: `direction` is ASC from the start, DESC from the end. The outer one reads the
 * picked rows with sender, case, quoted message and receipt counts, oldest first. A later state
 * implies the earlier ones, whatever a receipt row holds: read counts as delivered too.
 */
const pageSql = (direction: 'ASC' | 'DESC') => `
  SELECT m.id, m.sender_id, p.display_name AS sender_name, m.body, m.sent_at, m.priority,
         m.ack_requested, m.case_id, c.file_number, c.plate, m.photo_sha256s,
         r.id AS reply_id, r.sender_id AS reply_sender_id, rp.display_name AS reply_sender_name,
         r.body AS reply_body,
         (SELECT count(COALESCE(x.delivered_at, x.read_at, x.acknowledged_at)) FROM receipts x
           WHERE x.message_id = m.id AND x.user_id <> @me) AS delivered,
         (SELECT count(COALESCE(x.read_at, x.acknowledged_at)) FROM receipts x
           WHERE x.message_id = m.id AND x.user_id <> @me) AS read,
         (SELECT count(x.acknowledged_at) FROM receipts x
           WHERE x.message_id = m.id AND x.user_id <> @me) AS acknowledged,
         mr.read_at IS NOT NULL OR mr.acknowledged_at IS NOT NULL AS my_read,
         mr.acknowledged_at IS NOT NULL AS my_ack
    FROM (SELECT rowid AS k FROM messages WHERE conversation_id = @conversation
           ORDER BY sent_at ${direction}, id ${direction} LIMIT @limit OFFSET @skip) picked
    JOIN messages m ON m.rowid = picked.k
    LEFT JOIN people p ON p.id = m.sender_id
    LEFT JOIN cases c ON c.id = m.case_id
    LEFT JOIN messages r ON r.id = m.reply_to_id
    LEFT JOIN people rp ON rp.id = r.sender_id
    LEFT JOIN receipts mr ON mr.message_id = m.id AND mr.user_id = @me
   ORDER BY m.sent_at, m.id`;

const TOTAL_SQL = 'SELECT count(*) FROM messages WHERE conversation_id = ?';

/** The newest outbox entry of each message (the outbox is short: applied work is pruned). */
const OUTBOX_SQL = `
  SELECT message_id, state FROM outbox
   WHERE kind = 'message' AND message_id IN (SELECT value FROM json_each(?))
   ORDER BY seq`;

function photosOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function outboxStates(db: Db, ids: string[]): Map<string, OutboxState> {
  const states = new Map<string, OutboxState>();
  if (ids.length === 0) return states;
  const rows = prepared(db, OUTBOX_SQL).all(JSON.stringify(ids)) as {
    message_id: string;
    state: OutboxState;
  }[];
  for (const row of rows) states.set(row.message_id, row.state);
  return states;
}

function viewOf(
  row: MessageRow,
  me: string,
  recipients: number,
  states: Map<string, OutboxState>,
): MessageView {
  const mine = row.sender_id === me;
  const delivery: OwnDelivery | null = mine
    ? {
        state: states.get(row.id) ?? 'applied',
        recipients,
        delivered: row.delivered,
        read: row.read,
        acknowledged: row.acknowledged,
      }
    : null;
  return {
    id: row.id,
    senderId: row.sender_id,
    senderName: row.sender_name ?? row.sender_id,
    mine,
    body: row.body,
    sentAt: row.sent_at,
    priority: row.priority,
    ackRequested: row.ack_requested === 1,
    case: row.case_id ? { id: row.case_id, fileNumber: row.file_number, plate: row.plate } : null,
    photoSha256s: photosOf(row.photo_sha256s),
    replyTo:
      row.reply_id !== null && row.reply_body !== null
        ? {
            id: row.reply_id,
            senderName: row.reply_sender_name ?? row.reply_sender_id ?? row.reply_id,
            excerpt: excerptOf(row.reply_body),
          }
        : null,
    delivery,
    myReceipt: mine ? null : { read: row.my_read === 1, acknowledged: row.my_ack === 1 },
  };
}

/**
 * Messages `offset` … `offset + limit - 1` of a conversation, oldest first, from one snapshot.
 * Opening a conversation shows its newest messages, so a page in the second half is read from
 * the end backwards: at the end of 100,000 messages it skips a few, not 99,950.
 */
export function messagesPage(db: Db, input: PageInput, reader: Reader | null): MessagesPage {
  const { conversationId, limit } = input;
  if (!reader) return { total: 0, offset: input.tail ? 0 : input.offset, items: [] };
  const read = db.transaction((): MessagesPage => {
    const conversation = myConversation(db, reader.id, conversationId);
    if (!conversation) {
      throw new ContractError(
        'not_found',
        `No conversation ${conversationId} (it may have been removed, or the user left it)`,
      );
    }
    const total = prepared(db, TOTAL_SQL).pluck().get(conversationId) as number;
    // The tail: the last page on the `limit` grid, so the renderer can keep it as that page.
    const offset = input.tail ? Math.floor(Math.max(total - 1, 0) / limit) * limit : input.offset;
    const count = Math.min(limit, total - offset);
    if (count <= 0) return { total, offset, items: [] };
    const fromEnd = offset + count / 2 > total / 2;
    const rows = prepared(db, pageSql(fromEnd ? 'DESC' : 'ASC')).all({
      conversation: conversationId,
      me: reader.id,
      limit: count,
      skip: fromEnd ? total - offset - count : offset,
    }) as MessageRow[];
    const states = outboxStates(
      db,
      rows.filter((r) => r.sender_id === reader.id).map((r) => r.id),
    );
    const recipients = Math.max(0, conversation.member_count - 1);
    return { total, offset, items: rows.map((row) => viewOf(row, reader.id, recipients, states)) };
  });
  return read();
}
