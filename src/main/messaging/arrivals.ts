import { ARRIVALS_MAX, type Arrival } from '../../shared/contract/events';
import type { ConversationKind, Priority } from '../../shared/domain/conversation';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { excerptOf } from './text';

/**
 * Older messages arriving now are history (a first sync, a console back after a holiday): no
 * "delivered" for them, and no notification.
 */
export const ARRIVAL_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Messages a start looks back over for ones a crash left without their receipt. */
const LOOK_BACK_ROWS = 1000;
/** Found per look; the rest waits for the next one (they are looked for again at once). */
const BATCH = 500;

interface ArrivalRow {
  rowid: number;
  id: string;
  conversation_id: string;
  kind: ConversationKind;
  title: string;
  sender_id: string;
  sender_name: string | null;
  body: string;
  priority: Priority;
  ack_requested: number;
}

// Messages after the mark from others in the user's conversations with no receipt of theirs yet.
// The feed updates a message in place (same rowid): a changed message is not a new arrival.
const NEW_SQL = `
  SELECT m.rowid, m.id, m.conversation_id, c.kind, c.title, m.sender_id,
         p.display_name AS sender_name, m.body, m.priority, m.ack_requested
    FROM messages m
    JOIN members mm ON mm.conversation_id = m.conversation_id AND mm.user_id = @me
    JOIN conversations c ON c.id = m.conversation_id
    LEFT JOIN people p ON p.id = m.sender_id
   WHERE m.rowid > @after AND m.sender_id <> @me AND m.sent_at >= @since
     AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = m.id AND r.user_id = @me)
   ORDER BY m.rowid
   LIMIT ${BATCH}`;

export interface ArrivalWatcherOptions {
  db: Db;
  /** The logged-in user's id, or null before the first login. */
  me: () => string | null;
  /** Records the user's "delivered" receipts (through the outbox, in one transaction). */
  markDelivered: (messageIds: string[]) => Promise<unknown>;
  /** Tells the renderer; at most ARRIVALS_MAX at once, the newest. */
  announce: (arrivals: Arrival[]) => void;
  now?: () => number;
}

/**
 * Finds the messages from others that reached this console since it last looked, marks them
 * delivered for their senders (the "delivered" of a dispatch's summary) and announces them for
 * desktop notifications. Looks after every synced page with messages; one look at a time.
 */
export class ArrivalWatcher {
  private after: number;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly options: ArrivalWatcherOptions) {
    const max = options.db.prepare('SELECT max(rowid) FROM messages').pluck().get() as
      number | null;
    this.after = Math.max(0, (max ?? 0) - LOOK_BACK_ROWS);
  }

  /** Looks now, or right after the look under way. Resolves when nothing is left to look at. */
  look(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      const found = this.find();
      if (found.length === BATCH) this.again = true;
      if (found.length === 0) continue;
      const last = found[found.length - 1];
      if (last) this.after = last.rowid;
      try {
        await this.options.markDelivered(found.map((row) => row.id));
      } catch (error) {
        // Not marked now (no login yet, say): the look after the next start finds them again.
        console.warn('[messages] could not mark messages delivered:', (error as Error).message);
      }
      this.options.announce(found.slice(-ARRIVALS_MAX).map(toArrival));
    } while (this.again);
  }

  private find(): ArrivalRow[] {
    const me = this.options.me();
    if (me === null) return [];
    const since = new Date((this.options.now?.() ?? Date.now()) - ARRIVAL_WINDOW_MS).toISOString();
    return prepared(this.options.db, NEW_SQL).all({
      me,
      after: this.after,
      since,
    }) as ArrivalRow[];
  }
}

function toArrival(row: ArrivalRow): Arrival {
  const senderName = row.sender_name ?? row.sender_id;
  return {
    messageId: row.id,
    conversationId: row.conversation_id,
    conversationKind: row.kind,
    conversationTitle: row.kind === 'direct' ? senderName : row.title,
    senderName,
    excerpt: excerptOf(row.body),
    priority: row.priority,
    ackRequested: row.ack_requested === 1,
  };
}
