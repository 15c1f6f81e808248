import { CLAIM_TTL_MS } from '../../shared/domain/claim';
import { STATUS_AFTER_DECISION } from '../../shared/domain/decision';
import type { User } from '../../shared/domain/user';
import type { Mutation } from '../../shared/sync/mutations';
import type { Db } from '../db/connection';
import { dispatchToRow } from '../db/feed-tables';
import { parseMutation, type OutboxEntry, type OutboxRow } from './store';

type MutationOf<K extends Mutation['kind']> = Extract<Mutation, { kind: K }>;

/** The local case fields a decision is checked against and changes. */
export interface LocalCase {
  id: string;
  status: string;
  fine_cents: number;
  version: number;
}

interface ClaimRow {
  case_id: string;
  clerk_id: string;
  claimed_at: string;
  expires_at: string;
}

interface ReceiptRow {
  message_id: string;
  user_id: string;
  delivered_at: string | null;
  read_at: string | null;
  acknowledged_at: string | null;
}

/** A row with the record's field names (`fine_cents` → `fineCents`), as the server sends rows. */
function camelCased(row: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
      value,
    ]),
  );
}

/** Which data the renderer should refetch after an entry of this kind changed. */
export function entitiesOf(kind: Mutation['kind']): ('cases' | 'messages')[] {
  return kind === 'decision' || kind === 'claim' || kind === 'release' ? ['cases'] : ['messages'];
}

/**
 * The optimistic side of each mutation kind: what the clerk sees at once, written into the synced
 * tables in the same transaction as the outbox entry, and how it is undone when the server says
 * conflict or rejected. The feed later brings the server's rows, which replace these.
 */
export class LocalEffects {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** A decision shows on its case (status, fine) and in its trail; the version stays the server's. */
  decision(me: User, m: MutationOf<'decision'>, kase: LocalCase): Omit<OutboxEntry, 'mutation'> {
    const localVersion = this.caseSnapshot(m.caseId);
    const status = STATUS_AFTER_DECISION[m.decision];
    const fineCents = m.decision === 'reduce' ? (m.newAmountCents ?? null) : null;
    this.db
      .prepare(
        `INSERT INTO decisions (id, case_id, kind, reason_code, text, new_amount_cents, clerk_id,
           decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      )
      .run(m.id, m.caseId, m.decision, m.reasonCode, m.text, fineCents, me.id, this.now());
    this.db
      .prepare(
        `UPDATE cases SET status = ?, fine_cents = COALESCE(?, fine_cents)
          WHERE id = ? AND version = ?`,
      )
      .run(status, fineCents, m.caseId, m.baseVersion);
    return {
      caseId: m.caseId,
      overlay: { baseVersion: m.baseVersion, status, fineCents },
      undo: { status: kase.status, fineCents: kase.fine_cents },
      localVersion,
    };
  }

  claim(me: User, m: MutationOf<'claim' | 'release'>): Omit<OutboxEntry, 'mutation'> {
    const before = this.claimOf(m.caseId);
    const localVersion = {
      case: this.caseSnapshot(m.caseId),
      claim: before ? camelCased(before) : null,
    };
    if (m.kind === 'claim') {
      const at = new Date(this.now());
      this.db
        .prepare(
          `INSERT INTO claims (case_id, clerk_id, claimed_at, expires_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (case_id) DO UPDATE SET clerk_id = excluded.clerk_id,
             claimed_at = excluded.claimed_at, expires_at = excluded.expires_at`,
        )
        .run(
          m.caseId,
          me.id,
          at.toISOString(),
          new Date(at.getTime() + CLAIM_TTL_MS).toISOString(),
        );
    } else {
      this.db.prepare('DELETE FROM claims WHERE case_id = ? AND clerk_id = ?').run(m.caseId, me.id);
    }
    return { caseId: m.caseId, undo: { before: before ?? null, clerkId: me.id }, localVersion };
  }

  /** A new conversation appears with its members (this clerk as owner). */
  conversation(me: User, m: MutationOf<'conversation'>): Omit<OutboxEntry, 'mutation'> {
    const at = this.now();
    this.db
      .prepare(
        `INSERT INTO conversations (id, kind, title, team_id, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(m.conversationId, m.type, m.title, m.teamId ?? null, me.id, at);
    const member = this.db.prepare(
      `INSERT INTO members (conversation_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    member.run(m.conversationId, me.id, 'owner', at);
    for (const userId of new Set(m.memberIds)) {
      if (userId !== me.id) member.run(m.conversationId, userId, 'member', at);
    }
    return { conversationId: m.conversationId };
  }

  message(me: User, m: MutationOf<'message'>): Omit<OutboxEntry, 'mutation'> {
    this.db
      .prepare(
        `INSERT INTO messages (id, conversation_id, sender_id, body, case_id, photo_sha256s,
           reply_to_id, priority, ack_requested, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      )
      .run(
        m.id,
        m.conversationId,
        me.id,
        m.body,
        m.caseId ?? null,
        JSON.stringify(m.photoSha256s),
        m.replyToId ?? null,
        m.priority,
        m.ackRequested ? 1 : 0,
        this.now(),
      );
    return { conversationId: m.conversationId, messageId: m.id, caseId: m.caseId ?? null };
  }

  /** Marks the clerk's own receipt; a later state implies the earlier ones, a set time stays. */
  receipt(me: User, m: MutationOf<'receipt'>): Omit<OutboxEntry, 'mutation'> {
    const before = this.receiptOf(m.messageId, me.id);
    const at = this.now();
    const read = m.state === 'read' || m.state === 'acknowledged' ? at : null;
    const acknowledged = m.state === 'acknowledged' ? at : null;
    this.db
      .prepare(
        `INSERT INTO receipts (message_id, user_id, delivered_at, read_at, acknowledged_at)
         VALUES (@message, @user, @at, @read, @ack)
         ON CONFLICT (message_id, user_id) DO UPDATE SET
           delivered_at = COALESCE(receipts.delivered_at, excluded.delivered_at),
           read_at = COALESCE(receipts.read_at, excluded.read_at),
           acknowledged_at = COALESCE(receipts.acknowledged_at, excluded.acknowledged_at)`,
      )
      .run({ message: m.messageId, user: me.id, at, read, ack: acknowledged });
    const conversation = this.db
      .prepare('SELECT conversation_id FROM messages WHERE id = ?')
      .get(m.messageId) as { conversation_id: string } | undefined;
    return {
      messageId: m.messageId,
      conversationId: conversation?.conversation_id ?? null,
      undo: { before: before ?? null, userId: me.id },
    };
  }

  /**
   * A dispatch shows at once among the lead's dispatches: scheduled when `sendAt` lies ahead,
   * else sent (as it will be once pushed; the outbox entry marks it pending until then). Its
   * messages come with the feed.
   */
  dispatch(me: User, m: MutationOf<'dispatch'>): Omit<OutboxEntry, 'mutation'> {
    const at = this.now();
    const scheduled = m.sendAt !== undefined && Date.parse(m.sendAt) > Date.parse(at);
    const row = dispatchToRow({
      id: m.id,
      senderId: me.id,
      body: m.body,
      priority: m.priority,
      ackRequested: m.ackRequested,
      targets: m.targets,
      sendAt: m.sendAt ?? null,
      status: scheduled ? 'scheduled' : 'sent',
      sentAt: scheduled ? null : at,
      remindAfterMinutes: m.remindAfterMinutes ?? null,
      remindedAt: null,
      createdAt: at,
    });
    this.db
      .prepare(
        `INSERT INTO dispatches (id, sender_id, body, priority, ack_requested, targets, send_at,
           status, sent_at, remind_after_minutes, reminded_at, created_at)
         VALUES (@id, @sender_id, @body, @priority, @ack_requested, @targets, @send_at, @status,
           @sent_at, @remind_after_minutes, @reminded_at, @created_at)
         ON CONFLICT (id) DO NOTHING`,
      )
      .run(row);
    return {};
  }

  /** A cancelled dispatch shows as such at once; the status it had is kept for an undo. */
  dispatchCancel(m: MutationOf<'dispatch_cancel'>): Omit<OutboxEntry, 'mutation'> {
    const before = this.db
      .prepare('SELECT status FROM dispatches WHERE id = ?')
      .get(m.dispatchId) as { status: string } | undefined;
    this.db
      .prepare(`UPDATE dispatches SET status = 'cancelled' WHERE id = ? AND status = 'scheduled'`)
      .run(m.dispatchId);
    return { undo: { status: before?.status ?? null } };
  }

  /**
   * The server did not take the entry (conflict or rejected): takes back what it showed, where
   * the feed has not replaced it yet. A message stays, marked by its entry, until discarded; a
   * dispatch goes (the entry keeps all of it, for a retry).
   */
  undo(row: OutboxRow): void {
    const m = parseMutation(row);
    const undo = (row.undo === null ? null : JSON.parse(row.undo)) as Record<
      string,
      unknown
    > | null;
    switch (m.kind) {
      case 'decision': {
        this.db.prepare('DELETE FROM decisions WHERE id = ?').run(m.id);
        const before = undo as { status: string; fineCents: number } | null;
        if (before && row.case_status !== null) {
          // Only the row the decision was shown on; a newer version is the server's truth.
          this.db
            .prepare(
              `UPDATE cases SET status = ?, fine_cents = ?
                WHERE id = ? AND version = ? AND status = ?`,
            )
            .run(before.status, before.fineCents, m.caseId, m.baseVersion, row.case_status);
        }
        return;
      }
      case 'claim':
      case 'release': {
        const { before, clerkId } = undo as { before: ClaimRow | null; clerkId: string };
        const now = this.claimOf(m.caseId);
        const ours = m.kind === 'claim' ? now?.clerk_id === clerkId : now === undefined;
        if (!ours) return;
        this.db.prepare('DELETE FROM claims WHERE case_id = ?').run(m.caseId);
        if (before) {
          this.db
            .prepare(
              `INSERT INTO claims (case_id, clerk_id, claimed_at, expires_at)
               VALUES (@case_id, @clerk_id, @claimed_at, @expires_at)`,
            )
            .run(before);
        }
        return;
      }
      case 'conversation':
        this.removeConversation(m.conversationId);
        return;
      case 'message':
        return;
      case 'receipt': {
        const { before, userId } = undo as { before: ReceiptRow | null; userId: string };
        this.db
          .prepare('DELETE FROM receipts WHERE message_id = ? AND user_id = ?')
          .run(m.messageId, userId);
        if (before) {
          this.db
            .prepare(
              `INSERT INTO receipts (message_id, user_id, delivered_at, read_at, acknowledged_at)
               VALUES (@message_id, @user_id, @delivered_at, @read_at, @acknowledged_at)`,
            )
            .run(before);
        }
        return;
      }
      case 'dispatch':
        this.removeLocalDispatch(m.id);
        return;
      case 'dispatch_cancel': {
        // Back to what it was, unless the feed has told otherwise meanwhile (sent, say).
        const { status } = undo as { status: string | null };
        if (status === null || status === 'cancelled') return;
        this.db
          .prepare(`UPDATE dispatches SET status = ? WHERE id = ? AND status = 'cancelled'`)
          .run(status, m.dispatchId);
        return;
      }
    }
  }

  /** The clerk gave the entry up: removes what is left of it locally. */
  discard(row: OutboxRow): void {
    const m = parseMutation(row);
    if (m.kind === 'message') this.db.prepare('DELETE FROM messages WHERE id = ?').run(m.id);
    if (m.kind === 'dispatch') this.removeLocalDispatch(m.id);
  }

  /** The console's own dispatch row; one the feed brought (with a generation) is the server's. */
  private removeLocalDispatch(id: string): void {
    this.db.prepare('DELETE FROM dispatches WHERE id = ? AND sync_gen IS NULL').run(id);
  }

  /** A retried message goes out under a new id; its local row follows. */
  renameMessage(from: string, to: string): void {
    this.db.prepare('UPDATE messages SET id = ? WHERE id = ?').run(to, from);
  }

  /**
   * The server already had a direct conversation with this person and answered with it: the
   * local placeholder goes (the feed brings the real one) and its messages move over.
   */
  moveConversation(from: string, to: string): void {
    this.db
      .prepare('UPDATE messages SET conversation_id = ? WHERE conversation_id = ?')
      .run(to, from);
    this.removeConversation(from);
  }

  private removeConversation(id: string): void {
    this.db.prepare('DELETE FROM members WHERE conversation_id = ?').run(id);
    this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id);
  }

  private claimOf(caseId: string): ClaimRow | undefined {
    return this.db.prepare('SELECT * FROM claims WHERE case_id = ?').get(caseId) as
      ClaimRow | undefined;
  }

  private receiptOf(messageId: string, userId: string): ReceiptRow | undefined {
    return this.db
      .prepare('SELECT * FROM receipts WHERE message_id = ? AND user_id = ?')
      .get(messageId, userId) as ReceiptRow | undefined;
  }

  /** The case as this console knows it, for showing next to the server's version. */
  private caseSnapshot(caseId: string): unknown {
    const row = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as
      Record<string, unknown> | undefined;
    return row ? camelCased(row) : null;
  }
}
