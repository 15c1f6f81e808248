import { ContractError } from '../../shared/contract';
import {
  DISPATCH_LIST_MAX,
  type DispatchCounts,
  type DispatchDetail,
  type DispatchList,
  type DispatchRecipient,
  type DispatchSummary,
} from '../../shared/contract/message-calls';
import type { Priority } from '../../shared/domain/conversation';
import type { DispatchStatus, DispatchTargets } from '../../shared/domain/dispatch';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import type { Reader } from './reader';
import { excerptOf } from './text';

interface DispatchRow {
  id: string;
  body: string;
  priority: Priority;
  ack_requested: number;
  targets: string;
  send_at: string | null;
  status: DispatchStatus;
  sent_at: string | null;
  created_at: string;
  remind_after_minutes: number | null;
  reminded_at: string | null;
  sync_gen: number | null;
}

const COLUMNS = `id, body, priority, ack_requested, targets, send_at, status, sent_at, created_at,
  remind_after_minutes, reminded_at, sync_gen`;

const LIST_SQL = `SELECT ${COLUMNS} FROM dispatches WHERE sender_id = ?
  ORDER BY created_at DESC, id DESC LIMIT ${DISPATCH_LIST_MAX}`;
const ONE_SQL = `SELECT ${COLUMNS} FROM dispatches WHERE sender_id = ? AND id = ?`;

/**
 * Everyone the dispatch reached (members of the conversations its messages went to, the sender
 * aside) with their furthest receipt over those messages; a later state implies the earlier ones,
 * as the field app may report "acknowledged" without "read".
 */
const RECIPIENTS_SQL = `
  WITH sent AS (SELECT id, conversation_id FROM messages WHERE dispatch_id = @dispatch),
  reached AS (
    SELECT DISTINCT mb.user_id FROM members mb JOIN sent ON sent.conversation_id = mb.conversation_id
     WHERE mb.user_id <> @sender),
  marks AS (
    SELECT r.user_id, min(r.delivered_at) AS delivered_at, min(r.read_at) AS read_at,
           min(r.acknowledged_at) AS acknowledged_at
      FROM receipts r JOIN sent ON sent.id = r.message_id
     GROUP BY r.user_id)
  SELECT reached.user_id, p.display_name, t.name AS team_name,
         coalesce(m.delivered_at, m.read_at, m.acknowledged_at) AS delivered_at,
         coalesce(m.read_at, m.acknowledged_at) AS read_at,
         m.acknowledged_at
    FROM reached
    LEFT JOIN marks m ON m.user_id = reached.user_id
    LEFT JOIN people p ON p.id = reached.user_id
    LEFT JOIN teams t ON t.id = p.team_id`;

/** The same reach and receipts, counted only: the list shows counts for up to 200 dispatches. */
const COUNTS_SQL = `
  WITH sent AS (SELECT id, conversation_id FROM messages WHERE dispatch_id = @dispatch),
  reached AS (
    SELECT DISTINCT mb.user_id FROM members mb JOIN sent ON sent.conversation_id = mb.conversation_id
     WHERE mb.user_id <> @sender),
  marks AS (
    SELECT r.user_id, max(r.delivered_at IS NOT NULL OR r.read_at IS NOT NULL
                          OR r.acknowledged_at IS NOT NULL) AS delivered,
           max(r.read_at IS NOT NULL OR r.acknowledged_at IS NOT NULL) AS read,
           max(r.acknowledged_at IS NOT NULL) AS acknowledged
      FROM receipts r JOIN sent ON sent.id = r.message_id
     GROUP BY r.user_id)
  SELECT count(*) AS recipients, coalesce(sum(m.delivered), 0) AS delivered,
         coalesce(sum(m.read), 0) AS read, coalesce(sum(m.acknowledged), 0) AS acknowledged
    FROM reached LEFT JOIN marks m ON m.user_id = reached.user_id`;

interface RecipientRow {
  user_id: string;
  display_name: string | null;
  team_name: string | null;
  delivered_at: string | null;
  read_at: string | null;
  acknowledged_at: string | null;
}

function recipientsOf(db: Db, dispatch: string, sender: string): DispatchRecipient[] {
  const rows = prepared(db, RECIPIENTS_SQL).all({ dispatch, sender }) as RecipientRow[];
  return rows
    .map((row) => ({
      userId: row.user_id,
      name: row.display_name ?? row.user_id,
      teamName: row.team_name,
      deliveredAt: row.delivered_at,
      readAt: row.read_at,
      acknowledgedAt: row.acknowledged_at,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'de') || (a.userId < b.userId ? -1 : 1));
}

function countsOf(recipients: readonly DispatchRecipient[]): DispatchCounts {
  let delivered = 0;
  let read = 0;
  let acknowledged = 0;
  for (const r of recipients) {
    if (r.deliveredAt) delivered++;
    if (r.readAt) read++;
    if (r.acknowledgedAt) acknowledged++;
  }
  return { recipients: recipients.length, delivered, read, acknowledged };
}

/** The addressees by name; an id the copy does not know stands for itself. */
function targetNames(db: Db, raw: string): string[] {
  let targets: DispatchTargets;
  try {
    targets = JSON.parse(raw) as DispatchTargets;
  } catch {
    return [];
  }
  const name = (sql: string, id: string) =>
    (prepared(db, sql).pluck().get(id) as string | undefined) || id;
  return [
    ...targets.teamIds.map((id) => name('SELECT name FROM teams WHERE id = ?', id)),
    ...targets.conversationIds.map((id) =>
      name('SELECT title FROM conversations WHERE id = ?', id),
    ),
    ...targets.userIds.map((id) => name('SELECT display_name FROM people WHERE id = ?', id)),
  ];
}

function summaryOf(db: Db, row: DispatchRow, counts: DispatchCounts): DispatchSummary {
  return {
    id: row.id,
    excerpt: excerptOf(row.body),
    priority: row.priority,
    ackRequested: row.ack_requested === 1,
    status: row.status,
    pending: row.sync_gen === null,
    targets: targetNames(db, row.targets),
    sendAt: row.send_at,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    remindAfterMinutes: row.remind_after_minutes,
    remindedAt: row.reminded_at,
    counts,
  };
}

/** The reader's own dispatches, newest first, each with how far it has got. */
export function listDispatches(db: Db, reader: Reader | null): DispatchList {
  if (!reader) return { items: [] };
  const read = db.transaction((): DispatchList => {
    const rows = prepared(db, LIST_SQL).all(reader.id) as DispatchRow[];
    return {
      items: rows.map((row) =>
        summaryOf(
          db,
          row,
          prepared(db, COUNTS_SQL).get({ dispatch: row.id, sender: reader.id }) as DispatchCounts,
        ),
      ),
    };
  });
  return read();
}

/** One of the reader's dispatches with every recipient. */
export function dispatchDetail(db: Db, id: string, reader: Reader | null): DispatchDetail {
  const read = db.transaction((): DispatchDetail => {
    const row = reader && (prepared(db, ONE_SQL).get(reader.id, id) as DispatchRow | undefined);
    if (!reader || !row) throw new ContractError('not_found', `No dispatch ${id} of this user`);
    const recipients = recipientsOf(db, row.id, reader.id);
    return { summary: summaryOf(db, row, countsOf(recipients)), body: row.body, recipients };
  });
  return read();
}
