import type { Statement } from 'better-sqlite3';
import {
  OUTBOX_STATES,
  type OutboxItem,
  type OutboxList,
  type OutboxState,
} from '../../shared/contract/work-calls';
import type { Mutation, MutationKind, MutationResult } from '../../shared/sync/mutations';
import type { Db } from '../db/connection';

/** An `outbox` row as SQLite returns it (migration 0004). */
export interface OutboxRow {
  seq: number;
  id: string;
  kind: MutationKind;
  mutation: string;
  state: OutboxState;
  case_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  base_version: number | null;
  case_status: string | null;
  case_fine_cents: number | null;
  undo: string | null;
  local_version: string | null;
  attempts: number;
  last_error: string | null;
  repeated: 0 | 1 | null;
  code: string | null;
  reason: string | null;
  field: string | null;
  server_version: string | null;
  created_at: string;
  updated_at: string;
  /** The login name that recorded it (migration 0013); null for older rows. */
  author: string | null;
}

/** What a local write puts into the outbox next to its mutation. */
export interface OutboxEntry {
  mutation: Mutation;
  caseId?: string | null;
  conversationId?: string | null;
  messageId?: string | null;
  /** A decision's local face on its case: the version it is based on, its status and fine. */
  overlay?: { baseVersion: number; status: string; fineCents: number | null } | null;
  /** Kind-specific, for undoing the optimistic effect (JSON-serialisable). */
  undo?: unknown;
  /** The local row the work was based on, shown next to the server's in a conflict. */
  localVersion?: unknown;
}

type ConflictResult = Extract<MutationResult, { status: 'conflict' }>;
type RejectedResult = Extract<MutationResult, { status: 'rejected' }>;

const json = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);
const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function parseMutation(row: OutboxRow): Mutation {
  return JSON.parse(row.mutation) as Mutation;
}

export function toOutboxItem(row: OutboxRow): OutboxItem {
  const server = parse(row.server_version) as NonNullable<OutboxItem['conflict']>['server'] | null;
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    mutation: parseMutation(row),
    caseId: row.case_id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    attempts: row.attempts,
    lastError: row.last_error,
    repeated: row.repeated === null ? null : row.repeated === 1,
    rejection:
      row.state === 'rejected'
        ? { code: row.code ?? 'rejected', reason: row.reason ?? '', field: row.field }
        : null,
    conflict:
      row.state === 'conflict' && server
        ? { reason: row.reason ?? '', local: parse(row.local_version), server }
        : null,
  };
}

/**
 * The outbox table's statements. Callers own the transactions: a local write inserts its entry
 * together with its optimistic effect, the pusher records a batch's answers together with what
 * they undo.
 */
export class OutboxStore {
  private readonly statements = new Map<string, Statement>();

  constructor(
    readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
    /**
     * Who is signed in: new work is recorded as theirs, and only theirs (and authorless older
     * rows) is sent, since the server attributes what it receives to the sending login.
     */
    private readonly author: () => string | null = () => null,
  ) {}

  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  insert(entry: OutboxEntry): OutboxRow {
    const at = this.now();
    const m = entry.mutation;
    this.sql(
      `INSERT INTO outbox (id, kind, mutation, state, case_id, conversation_id, message_id,
         base_version, case_status, case_fine_cents, undo, local_version, created_at, updated_at,
         author)
       VALUES (@id, @kind, @mutation, 'pending', @case_id, @conversation_id, @message_id,
         @base_version, @case_status, @case_fine_cents, @undo, @local_version, @at, @at, @author)`,
    ).run({
      id: m.id,
      kind: m.kind,
      mutation: JSON.stringify(m),
      case_id: entry.caseId ?? null,
      conversation_id: entry.conversationId ?? null,
      message_id: entry.messageId ?? null,
      base_version: entry.overlay?.baseVersion ?? null,
      case_status: entry.overlay?.status ?? null,
      case_fine_cents: entry.overlay?.fineCents ?? null,
      undo: json(entry.undo),
      local_version: json(entry.localVersion),
      at,
      author: this.author(),
    });
    return this.require(m.id);
  }

  get(id: string): OutboxRow | undefined {
    return this.sql('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
  }

  require(id: string): OutboxRow {
    const row = this.get(id);
    if (!row) throw new Error(`No outbox entry ${id}`);
    return row;
  }

  /**
   * The signed-in clerk's work still to be sent, oldest first (`pushing` too: its answer never
   * came). Another clerk's waits on this console until they sign in again.
   */
  unsent(limit: number): OutboxRow[] {
    return this.sql(
      `SELECT * FROM outbox WHERE state IN ('pending', 'pushing')
         AND (author IS NULL OR author = ?) ORDER BY seq LIMIT ?`,
    ).all(this.author() ?? '', limit) as OutboxRow[];
  }

  hasUnsent(): boolean {
    return (
      this.sql(
        `SELECT 1 FROM outbox WHERE state IN ('pending', 'pushing')
           AND (author IS NULL OR author = ?) LIMIT 1`,
      ).get(this.author() ?? '') !== undefined
    );
  }

  /** After a restart nothing is on its way any more; what was is sent again (same ids). */
  resetInterrupted(): number {
    return this.sql(
      `UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'pushing'`,
    ).run(this.now()).changes;
  }

  markPushing(ids: readonly string[]): void {
    const at = this.now();
    const mark = this.sql(
      `UPDATE outbox SET state = 'pushing', attempts = attempts + 1, updated_at = ?
        WHERE id = ? AND state IN ('pending', 'pushing')`,
    );
    this.db.transaction(() => {
      for (const id of ids) mark.run(at, id);
    })();
  }

  /** The push did not get an answer: the entries wait again, with the reason noted. */
  markUnanswered(ids: readonly string[], error: string): void {
    const at = this.now();
    const mark = this.sql(
      `UPDATE outbox SET state = 'pending', last_error = ?, updated_at = ?
        WHERE id = ? AND state = 'pushing'`,
    );
    this.db.transaction(() => {
      for (const id of ids) mark.run(error.slice(0, 500), at, id);
    })();
  }

  markApplied(id: string, repeated: boolean): void {
    this.sql(
      `UPDATE outbox SET state = 'applied', repeated = ?, last_error = NULL, code = NULL,
         reason = NULL, field = NULL, server_version = NULL, updated_at = ? WHERE id = ?`,
    ).run(repeated ? 1 : 0, this.now(), id);
  }

  markConflict(id: string, result: Pick<ConflictResult, 'reason' | 'current'>): void {
    this.sql(
      `UPDATE outbox SET state = 'conflict', reason = ?, server_version = ?, last_error = NULL,
         updated_at = ? WHERE id = ?`,
    ).run(result.reason, JSON.stringify(result.current), this.now(), id);
  }

  markRejected(id: string, result: Pick<RejectedResult, 'code' | 'reason' | 'field'>): void {
    this.sql(
      `UPDATE outbox SET state = 'rejected', code = ?, reason = ?, field = ?, last_error = NULL,
         updated_at = ? WHERE id = ?`,
    ).run(result.code, result.reason, result.field ?? null, this.now(), id);
  }

  /** Rewrites a waiting entry's mutation (a conversation the server knows under another id). */
  replaceMutation(id: string, mutation: Mutation, conversationId: string | null): void {
    this.sql(
      `UPDATE outbox SET mutation = ?, conversation_id = ?, updated_at = ?
        WHERE id = ? AND state IN ('pending', 'pushing')`,
    ).run(JSON.stringify(mutation), conversationId, this.now(), id);
  }

  /** Waiting entries about one conversation, oldest first. */
  unsentFor(conversationId: string): OutboxRow[] {
    return this.sql(
      `SELECT * FROM outbox WHERE conversation_id = ? AND state IN ('pending', 'pushing')
        ORDER BY seq`,
    ).all(conversationId) as OutboxRow[];
  }

  /** An unfinished decision on the case, if any. */
  openDecision(caseId: string): OutboxRow | undefined {
    return this.sql(
      `SELECT * FROM outbox WHERE case_id = ? AND kind = 'decision'
         AND state IN ('pending', 'pushing') ORDER BY seq DESC LIMIT 1`,
    ).get(caseId) as OutboxRow | undefined;
  }

  remove(id: string): void {
    this.sql('DELETE FROM outbox WHERE id = ?').run(id);
  }

  /** Applied entries are history; the feed brings the real rows. Keeps a day's worth. */
  pruneApplied(olderThan: string): number {
    return this.sql(`DELETE FROM outbox WHERE state = 'applied' AND updated_at < ?`).run(olderThan)
      .changes;
  }

  list(filter: { states?: readonly OutboxState[]; caseId?: string; limit: number }): OutboxList {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.states && filter.states.length > 0) {
      where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
      params.push(...filter.states);
    }
    if (filter.caseId !== undefined) {
      where.push('case_id = ?');
      params.push(filter.caseId);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(`SELECT * FROM outbox ${clause} ORDER BY seq DESC LIMIT ?`)
        .all(...params, filter.limit) as OutboxRow[];
      const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<
        OutboxState,
        number
      >;
      for (const { state, n } of this.sql(
        'SELECT state, count(*) AS n FROM outbox GROUP BY state',
      ).all() as { state: OutboxState; n: number }[]) {
        counts[state] = n;
      }
      return { items: rows.map(toOutboxItem), counts };
    })();
  }
}
