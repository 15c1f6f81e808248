import type {
  MessageRecord,
  Priority,
  ReceiptRecord,
  ReceiptState,
} from '../../shared/domain/conversation';
import type { AuthUser } from '../auth/sessions';
import { recordCaseEvent } from '../cases/events';
import { ApiFailure } from '../errors';
import { conversationAudience, receiptAudience } from '../feed/audiences';
import type { FeedRecorder } from '../feed/types';
import type { SqlExecutor } from '../store/client';
import { findConversation, memberRole } from './conversations';

export interface MessageRow {
  id: string;
  conversation_id: string;
  sender_id: string;
  body: string;
  case_id: string | null;
  photo_sha256s: string[];
  reply_to_id: string | null;
  priority: Priority;
  ack_requested: boolean;
  sent_at: Date;
  dispatch_id: string | null;
  reminded_at: Date | null;
}

export const MESSAGE_COLUMNS = `id, conversation_id, sender_id, body, case_id, photo_sha256s,
  reply_to_id, priority, ack_requested, sent_at, dispatch_id, reminded_at`;

export function toMessageRecord(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    body: row.body,
    caseId: row.case_id,
    photoSha256s: row.photo_sha256s,
    replyToId: row.reply_to_id,
    priority: row.priority,
    ackRequested: row.ack_requested,
    sentAt: row.sent_at.toISOString(),
    dispatchId: row.dispatch_id,
    remindedAt: row.reminded_at ? row.reminded_at.toISOString() : null,
  };
}

export interface NewMessage {
  id: string;
  conversationId: string;
  body: string;
  caseId?: string | undefined;
  photoSha256s: readonly string[];
  replyToId?: string | undefined;
  priority: Priority;
  ackRequested: boolean;
  /** Set by a dispatch's delivery only; clients cannot name one. */
  dispatchId?: string | undefined;
}

/** Only team leads and admins speak in channels; everyone else reads them. */
function mayPostTo(kind: string, sender: AuthUser): boolean {
  return kind !== 'channel' || sender.role === 'team_lead' || sender.role === 'admin';
}

async function checkReferences(tx: SqlExecutor, sender: AuthUser, input: NewMessage) {
  if (input.caseId !== undefined) {
    const rows = await tx.query<{ officer_id: string }>(
      'SELECT officer_id FROM cases WHERE id = $1',
      [input.caseId],
    );
    // An officer may only point at their own cases; to them, others' cases do not exist.
    const visible = rows[0] && (sender.role !== 'officer' || rows[0].officer_id === sender.id);
    if (!visible) throw new ApiFailure(404, 'not_found', `No case ${input.caseId}`, 'caseId');
  }
  if (input.photoSha256s.length > 0) {
    const rows = await tx.query<{ sha256: string; officer_id: string }>(
      `SELECT p.sha256, c.officer_id FROM photos p JOIN cases c ON c.id = p.case_id
        WHERE p.sha256 = ANY($1)`,
      [[...input.photoSha256s]],
    );
    const usable = new Set(
      rows
        .filter((row) => sender.role !== 'officer' || row.officer_id === sender.id)
        .map((row) => row.sha256),
    );
    const missing = input.photoSha256s.find((sha) => !usable.has(sha));
    if (missing !== undefined) {
      throw new ApiFailure(404, 'not_found', `No photo ${missing}`, 'photoSha256s');
    }
  }
  if (input.replyToId !== undefined) {
    const rows = await tx.query('SELECT 1 FROM messages WHERE id = $1 AND conversation_id = $2', [
      input.replyToId,
      input.conversationId,
    ]);
    if (rows.length === 0) {
      throw new ApiFailure(404, 'not_found', 'No such message in this conversation', 'replyToId');
    }
  }
}

/**
 * Posts a message, once per client id. The sender must be a member; channels take posts from
 * team leads and admins only. A message about a case also lands in the case's timeline.
 */
export async function sendMessage(
  tx: SqlExecutor,
  feed: FeedRecorder,
  sender: AuthUser,
  input: NewMessage,
): Promise<MessageRecord> {
  const conversation = await findConversation(tx, input.conversationId);
  const role = conversation ? await memberRole(tx, conversation.id, sender.id) : null;
  if (!conversation || !role) {
    throw new ApiFailure(404, 'not_found', 'No such conversation', 'conversationId');
  }
  if (!mayPostTo(conversation.kind, sender)) {
    throw new ApiFailure(403, 'forbidden', 'Only team leads post to channels', 'conversationId');
  }
  await checkReferences(tx, sender, input);
  const inserted = await tx.query<MessageRow>(
    `INSERT INTO messages (id, conversation_id, sender_id, body, case_id, photo_sha256s,
       reply_to_id, priority, ack_requested, dispatch_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO NOTHING
     RETURNING ${MESSAGE_COLUMNS}`,
    [
      input.id,
      conversation.id,
      sender.id,
      input.body,
      input.caseId ?? null,
      [...input.photoSha256s],
      input.replyToId ?? null,
      input.priority,
      input.ackRequested,
      input.dispatchId ?? null,
    ],
  );
  const row = inserted[0];
  if (!row) throw new ApiFailure(409, 'id_conflict', 'A message with this id exists', 'id');
  const record = toMessageRecord(row);
  feed.record({
    entity: 'message',
    id: record.id,
    op: 'upsert',
    data: record,
    audience: conversationAudience(conversation.id),
  });
  if (record.caseId !== null) {
    await recordCaseEvent(tx, feed, {
      caseId: record.caseId,
      kind: 'message',
      actorId: sender.id,
      refId: record.id,
      detail: conversation.kind,
    });
  }
  return record;
}

interface ReceiptRow {
  message_id: string;
  user_id: string;
  delivered_at: Date | null;
  read_at: Date | null;
  acknowledged_at: Date | null;
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

/**
 * Marks a message delivered, read or acknowledged for `user`, a member of its conversation.
 * Later states imply earlier ones and a time, once set, never moves: marks may arrive in any
 * order and any number of times.
 */
export async function markReceipt(
  tx: SqlExecutor,
  feed: FeedRecorder,
  user: AuthUser,
  messageId: string,
  state: ReceiptState,
): Promise<ReceiptRecord> {
  const rows = await tx.query<{
    sender_id: string;
    ack_requested: boolean;
    conversation_id: string;
  }>('SELECT sender_id, ack_requested, conversation_id FROM messages WHERE id = $1', [messageId]);
  const message = rows[0];
  if (!message || !(await memberRole(tx, message.conversation_id, user.id))) {
    throw new ApiFailure(404, 'not_found', `No message ${messageId}`, 'messageId');
  }
  if (message.sender_id === user.id) {
    throw new ApiFailure(409, 'own_message', 'Receipts are for messages from others', 'messageId');
  }
  if (state === 'acknowledged' && !message.ack_requested) {
    throw new ApiFailure(
      409,
      'ack_not_requested',
      'This message asks for no acknowledgement',
      'state',
    );
  }
  const level = { delivered: 1, read: 2, acknowledged: 3 }[state];
  const written = await tx.query<ReceiptRow>(
    `INSERT INTO receipts (message_id, user_id, delivered_at, read_at, acknowledged_at)
     VALUES ($1, $2, now(), CASE WHEN $3::int >= 2 THEN now() END, CASE WHEN $3::int >= 3 THEN now() END)
     ON CONFLICT (message_id, user_id) DO UPDATE SET
       delivered_at = COALESCE(receipts.delivered_at, EXCLUDED.delivered_at),
       read_at = COALESCE(receipts.read_at, EXCLUDED.read_at),
       acknowledged_at = COALESCE(receipts.acknowledged_at, EXCLUDED.acknowledged_at)
     RETURNING *`,
    [messageId, user.id, level],
  );
  const row = written[0];
  if (!row) throw new Error('receipt not written');
  const record: ReceiptRecord = {
    messageId: row.message_id,
    userId: row.user_id,
    deliveredAt: iso(row.delivered_at),
    readAt: iso(row.read_at),
    acknowledgedAt: iso(row.acknowledged_at),
  };
  feed.record({
    entity: 'receipt',
    id: `${messageId}:${user.id}`,
    op: 'upsert',
    data: record,
    audience: receiptAudience(message.sender_id, user.id),
  });
  return record;
}
