import {
  DISPATCH_SCHEDULE_MAX_DAYS,
  mayDispatch,
  type DispatchRecord,
  type DispatchStatus,
  type DispatchTargets,
} from '../../shared/domain/dispatch';
import type { Priority } from '../../shared/domain/conversation';
import { authUser, USER_COLUMNS, type AuthUser, type UserRow } from '../auth/sessions';
import { ApiFailure } from '../errors';
import { conversationAudience, dispatchAudience } from '../feed/audiences';
import type { FeedRecorder } from '../feed/types';
import type { SqlExecutor } from '../store/client';
import { distinctTargets, reachTargets } from './dispatch-targets';
import { MESSAGE_COLUMNS, sendMessage, toMessageRecord, type MessageRow } from './messages';
import { uuidV5 } from './name-uuid';

export interface DispatchRow {
  id: string;
  sender_id: string;
  body: string;
  priority: Priority;
  ack_requested: boolean;
  targets: DispatchTargets;
  send_at: Date | null;
  status: DispatchStatus;
  sent_at: Date | null;
  remind_after_minutes: number | null;
  reminded_at: Date | null;
  created_at: Date;
}

export const DISPATCH_COLUMNS = `id, sender_id, body, priority, ack_requested, targets, send_at,
  status, sent_at, remind_after_minutes, reminded_at, created_at`;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toDispatchRecord(row: DispatchRow): DispatchRecord {
  return {
    id: row.id,
    senderId: row.sender_id,
    body: row.body,
    priority: row.priority,
    ackRequested: row.ack_requested,
    targets: row.targets,
    sendAt: iso(row.send_at),
    status: row.status,
    sentAt: iso(row.sent_at),
    remindAfterMinutes: row.remind_after_minutes,
    remindedAt: iso(row.reminded_at),
    createdAt: row.created_at.toISOString(),
  };
}

function recordDispatch(feed: FeedRecorder, row: DispatchRow): DispatchRecord {
  const data = toDispatchRecord(row);
  feed.record({
    entity: 'dispatch',
    id: data.id,
    op: 'upsert',
    data,
    audience: dispatchAudience(data.senderId),
  });
  return data;
}

/**
 * The id of a dispatch's message in one conversation: named after both, so a dispatch posts at
 * most one message per conversation however often its delivery runs.
 */
export function dispatchMessageId(dispatchId: string, conversationId: string): string {
  return uuidV5(dispatchId, conversationId.toLowerCase());
}

/**
 * Posts the dispatch's message into each conversation its targets reach, through `sendMessage`
 * like any other message (the same rules, the same feed records), carrying the dispatch's
 * priority, acknowledgement request and id. `strict`: a target that leads nowhere, or a message
 * refused, fails the whole dispatch (the lead is waiting for the answer); otherwise they are
 * skipped, and the count of what was skipped returned (a scheduled dispatch whose channel went
 * away in the meantime still reaches the rest).
 */
async function deliver(
  tx: SqlExecutor,
  feed: FeedRecorder,
  sender: AuthUser,
  row: DispatchRow,
  strict: boolean,
): Promise<number> {
  const reached = await reachTargets(tx, feed, sender, row.targets);
  const [first] = reached.failures;
  if (strict && first) throw first;
  let skipped = reached.failures.length;
  for (const conversationId of reached.conversationIds) {
    try {
      await sendMessage(tx, feed, sender, {
        id: dispatchMessageId(row.id, conversationId),
        conversationId,
        body: row.body,
        photoSha256s: [],
        priority: row.priority,
        ackRequested: row.ack_requested,
        dispatchId: row.id,
      });
    } catch (error) {
      // The refusals are decided before anything is written, so the transaction stays usable.
      if (strict || !(error instanceof ApiFailure)) throw error;
      skipped++;
    }
  }
  return skipped;
}

export interface NewDispatch {
  id: string;
  targets: DispatchTargets;
  body: string;
  priority: Priority;
  ackRequested: boolean;
  sendAt?: string | undefined;
  remindAfterMinutes?: number | undefined;
}

/**
 * Records a dispatch, once per client id, and sends it at once unless `sendAt` lies ahead (the
 * scheduler sends it then). Every target is checked now either way, so a lead learns of a wrong
 * one while still at the desk. Team leads and admins only.
 */
export async function createDispatch(
  tx: SqlExecutor,
  feed: FeedRecorder,
  sender: AuthUser,
  input: NewDispatch,
): Promise<DispatchRecord> {
  if (!mayDispatch(sender.role)) {
    throw new ApiFailure(403, 'forbidden', 'Only team leads and admins dispatch', 'kind');
  }
  const targets = distinctTargets(input.targets);
  const [clock] = await tx.query<{ now: Date }>('SELECT now() AS now');
  const now = clock?.now.getTime() ?? Date.now();
  const sendAt = input.sendAt === undefined ? null : new Date(input.sendAt);
  if (sendAt && sendAt.getTime() > now + DISPATCH_SCHEDULE_MAX_DAYS * 86_400_000) {
    throw new ApiFailure(
      400,
      'invalid_input',
      `A dispatch is scheduled at most ${DISPATCH_SCHEDULE_MAX_DAYS} days ahead`,
      'sendAt',
    );
  }
  // A time already past (work queued offline, say) means: now.
  const scheduled = sendAt !== null && sendAt.getTime() > now;
  if (scheduled) {
    const checked = await reachTargets(tx, null, sender, targets);
    if (checked.failures[0]) throw checked.failures[0];
  }
  const inserted = await tx.query<DispatchRow>(
    `INSERT INTO dispatches (id, sender_id, body, priority, ack_requested, targets, send_at,
       status, sent_at, remind_after_minutes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8 = 'sent' THEN now() END, $9)
     ON CONFLICT (id) DO NOTHING
     RETURNING ${DISPATCH_COLUMNS}`,
    [
      input.id,
      sender.id,
      input.body,
      input.priority,
      input.ackRequested,
      JSON.stringify(targets),
      sendAt?.toISOString() ?? null,
      scheduled ? 'scheduled' : 'sent',
      input.remindAfterMinutes ?? null,
    ],
  );
  const row = inserted[0];
  if (!row) throw new ApiFailure(409, 'id_conflict', 'A dispatch with this id exists', 'id');
  if (!scheduled) await deliver(tx, feed, sender, row, true);
  return recordDispatch(feed, row);
}

async function ownDispatch(tx: SqlExecutor, sender: AuthUser, id: string): Promise<DispatchRow> {
  const rows = await tx.query<DispatchRow>(
    `SELECT ${DISPATCH_COLUMNS} FROM dispatches WHERE id = $1 AND sender_id = $2`,
    [id, sender.id],
  );
  const row = rows[0];
  if (!row) throw new ApiFailure(404, 'not_found', `No dispatch ${id} of yours`, 'dispatchId');
  return row;
}

/**
 * Calls off a scheduled dispatch of the sender's own. One already cancelled stays so (applied,
 * nothing changes). One already sent is refused with `dispatch_sent` (409): no retry can undo a
 * sending, so this is a refusal rather than a conflict, and the feed brings the lead the sent
 * dispatch anyway. Racing the scheduler is safe: the update waits for its row lock and then sees
 * the dispatch sent.
 */
export async function cancelDispatch(
  tx: SqlExecutor,
  feed: FeedRecorder,
  sender: AuthUser,
  dispatchId: string,
): Promise<DispatchRecord> {
  const cancelled = await tx.query<DispatchRow>(
    `UPDATE dispatches SET status = 'cancelled'
      WHERE id = $1 AND sender_id = $2 AND status = 'scheduled'
      RETURNING ${DISPATCH_COLUMNS}`,
    [dispatchId, sender.id],
  );
  if (cancelled[0]) return recordDispatch(feed, cancelled[0]);
  const row = await ownDispatch(tx, sender, dispatchId);
  if (row.status === 'cancelled') return toDispatchRecord(row);
  throw new ApiFailure(
    409,
    'dispatch_sent',
    `The dispatch was sent at ${iso(row.sent_at) ?? '?'}; it can no longer be cancelled`,
    'dispatchId',
  );
}

async function senderOf(tx: SqlExecutor, userId: string): Promise<AuthUser> {
  const rows = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [
    userId,
  ]);
  if (!rows[0]) throw new Error(`dispatch sender ${userId} not found`);
  return authUser(rows[0]);
}

/**
 * Sends a scheduled dispatch that has come due; the caller holds its row lock (see the
 * scheduler). Sent as its sender, with the sender's role as it is now. Returns the record and how
 * many targets or messages were skipped.
 */
export async function sendDueDispatch(
  tx: SqlExecutor,
  feed: FeedRecorder,
  row: DispatchRow,
): Promise<{ record: DispatchRecord; skipped: number }> {
  const sender = await senderOf(tx, row.sender_id);
  const skipped = await deliver(tx, feed, sender, row, false);
  const updated = await tx.query<DispatchRow>(
    `UPDATE dispatches SET status = 'sent', sent_at = now() WHERE id = $1
     RETURNING ${DISPATCH_COLUMNS}`,
    [row.id],
  );
  if (!updated[0]) throw new Error(`dispatch ${row.id} vanished while being sent`);
  return { record: recordDispatch(feed, updated[0]), skipped };
}

/**
 * The reminder of a sent dispatch whose time has come; the caller holds its row lock. Each of
 * the dispatch's messages that someone has not yet acknowledged — a member other than the sender
 * who was in the conversation when it was sent — is recorded in the feed again with
 * `remindedAt` set. That is how a reminder reaches the phones: the message row comes round again
 * for the conversation's members, those who acknowledged it ignore it, the others alert again.
 * Recording it again rather than posting a second message keeps one message per conversation,
 * and its receipts where they are. Messages everyone acknowledged are left alone. Once only:
 * `remindedAt` on the dispatch closes it. Returns the record and the messages reminded.
 */
export async function remindDispatch(
  tx: SqlExecutor,
  feed: FeedRecorder,
  row: DispatchRow,
): Promise<{ record: DispatchRecord; messages: number }> {
  const reminded = await tx.query<MessageRow>(
    `UPDATE messages m SET reminded_at = now()
      WHERE m.dispatch_id = $1
        AND EXISTS (
          SELECT 1 FROM conversation_members cm
            LEFT JOIN receipts r ON r.message_id = m.id AND r.user_id = cm.user_id
           WHERE cm.conversation_id = m.conversation_id AND cm.user_id <> m.sender_id
             AND cm.joined_at <= m.sent_at AND r.acknowledged_at IS NULL)
      RETURNING ${MESSAGE_COLUMNS}`,
    [row.id],
  );
  for (const message of reminded) {
    const data = toMessageRecord(message);
    feed.record({
      entity: 'message',
      id: data.id,
      op: 'upsert',
      data,
      audience: conversationAudience(data.conversationId),
    });
  }
  const updated = await tx.query<DispatchRow>(
    `UPDATE dispatches SET reminded_at = now() WHERE id = $1 RETURNING ${DISPATCH_COLUMNS}`,
    [row.id],
  );
  if (!updated[0]) throw new Error(`dispatch ${row.id} vanished while being reminded`);
  return { record: recordDispatch(feed, updated[0]), messages: reminded.length };
}
