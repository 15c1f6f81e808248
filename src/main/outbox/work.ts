import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ContractError, type ContractImpl } from '../../shared/contract';
import type {
  BulkSkipReason,
  dispatchCancelInputSchema,
  dispatchSendInputSchema,
  messagesMarkInputSchema,
  messagesSendInputSchema,
  OutboxItem,
  outboxListInputSchema,
  workDecideBulkInputSchema,
  workDecideInputSchema,
  WorkDecideBulkResult,
} from '../../shared/contract/work-calls';
import { DISPATCH_SCHEDULE_MAX_DAYS, mayDispatch } from '../../shared/domain/dispatch';
import type { User } from '../../shared/domain/user';
import {
  claimMutationSchema,
  conversationMutationSchema,
  decisionMutationSchema,
  dispatchCancelMutationSchema,
  dispatchMutationSchema,
  messageMutationSchema,
  receiptMutationSchema,
  type Mutation,
} from '../../shared/sync/mutations';
import type { Db } from '../db/connection';
import { entitiesOf, type LocalCase, type LocalEffects } from './effects';
import type { ConsoleIdentity } from './identity';
import { parseMutation, toOutboxItem, type OutboxRow, type OutboxStore } from './store';

export type WorkCallName =
  | 'work.decide'
  | 'work.decideBulk'
  | 'work.claim'
  | 'work.release'
  | 'messages.send'
  | 'messages.mark'
  | 'messages.markMany'
  | 'dispatch.send'
  | 'dispatch.cancel'
  | 'outbox.list'
  | 'outbox.retry'
  | 'outbox.discard';
export type WorkImpl = Pick<ContractImpl, WorkCallName>;

type DecideInput = z.output<typeof workDecideInputSchema>;
type DecideBulkInput = z.output<typeof workDecideBulkInputSchema>;
type SendInput = z.output<typeof messagesSendInputSchema>;
type MarkInput = z.output<typeof messagesMarkInputSchema>;
type DispatchInput = z.output<typeof dispatchSendInputSchema>;
type CancelInput = z.output<typeof dispatchCancelInputSchema>;
type ListInput = z.output<typeof outboxListInputSchema>;

/** Only cases waiting for a decision are decided (the server's rule, checked early here). */
const DECIDABLE = ['disputed', 'awaiting_statement'];
type Skip = WorkDecideBulkResult['skipped'][number];
const RECEIPT_COLUMN = {
  delivered: 'delivered_at',
  read: 'read_at',
  acknowledged: 'acknowledged_at',
} as const;

export interface WorkOptions {
  db: Db;
  store: OutboxStore;
  effects: LocalEffects;
  identity: ConsoleIdentity;
  /** After local work was recorded: tell the renderer, wake the pusher. */
  recorded(entities: readonly ('cases' | 'messages' | 'outbox')[]): void;
}

const refuse = (message: string): never => {
  throw new ContractError('invalid_input', message);
};

/** Builds a mutation through its schema, so that nothing is queued the server would refuse as malformed. */
function build<S extends z.ZodType<Mutation>>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse(`${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  return parsed.data as z.output<S>;
}

/**
 * The contract calls that record the clerk's work. Each checks what it can locally, writes its
 * optimistic effect and its outbox entry in one transaction, and returns at once; the pusher
 * does the rest.
 */
export function createWorkImpl(options: WorkOptions): WorkImpl {
  const { db, store, effects, identity } = options;

  const caseOf = (id: string) =>
    db.prepare('SELECT id, status, fine_cents, version FROM cases WHERE id = ?').get(id) as
      LocalCase | undefined;

  /**
   * `server`: the case as the server answered in a conflict, which may be newer than the local
   * copy (the feed has not brought it yet); a retry is checked against and based on it.
   */
  function decide(me: User, input: DecideInput, server?: LocalCase): OutboxRow {
    const local = caseOf(input.caseId) ?? refuse(`No case ${input.caseId}`);
    if (store.openDecision(local.id)) refuse('A decision on this case is still being sent');
    const kase = server && server.version > local.version ? server : local;
    if (input.baseVersion !== kase.version) {
      refuse(
        `The case changed since version ${input.baseVersion}; it is now version ${kase.version}`,
      );
    }
    if (!DECIDABLE.includes(kase.status)) {
      refuse(`The case is ${kase.status}, not waiting for a decision`);
    }
    if (input.decision === 'reduce' && (input.newAmountCents ?? 0) >= kase.fine_cents) {
      refuse(`The new amount must be below ${kase.fine_cents} cents`);
    }
    const m = build(decisionMutationSchema, { id: randomUUID(), kind: 'decision', ...input });
    return store.insert({ mutation: m, ...effects.decision(me, m, kase) });
  }

  /** Someone else's live claim on the case, as far as this console knows. */
  const claimedByOther = (me: User, caseId: string): boolean =>
    db
      .prepare('SELECT 1 FROM claims WHERE case_id = ? AND clerk_id <> ? AND expires_at > ?')
      .get(caseId, me.id, new Date().toISOString()) !== undefined;

  function skipReason(me: User, local: LocalCase): BulkSkipReason | null {
    // Before the status: a decision on its way already shows its status on the case.
    if (store.openDecision(local.id)) return 'pending';
    if (!DECIDABLE.includes(local.status)) return 'not_decidable';
    if (claimedByOther(me, local.id)) return 'claimed';
    return null;
  }

  /**
   * One decision per case through `decide`, so each is exactly what work.decide records, based on
   * the local version. Runs inside the caller's transaction: a failure stores nothing at all.
   * Cases `decide` would refuse, or the server would answer with a conflict (another clerk's
   * claim), are skipped instead, so one stale case does not spoil a street's worth.
   */
  function decideBulk(me: User, input: DecideBulkInput): { rows: OutboxRow[]; skipped: Skip[] } {
    const rows: OutboxRow[] = [];
    const skipped: Skip[] = [];
    for (const caseId of input.caseIds) {
      const local = caseOf(caseId);
      const reason = local ? skipReason(me, local) : 'not_found';
      if (!local || reason) {
        skipped.push({ caseId, reason: reason ?? 'not_found' });
        continue;
      }
      rows.push(
        decide(me, {
          caseId,
          baseVersion: local.version,
          decision: input.decision,
          reasonCode: input.reasonCode,
          text: input.text,
        }),
      );
    }
    return { rows, skipped };
  }

  function claim(me: User, kind: 'claim' | 'release', caseId: string): OutboxRow {
    if (!caseOf(caseId)) refuse(`No case ${caseId}`);
    const m = build(claimMutationSchema, { id: randomUUID(), kind, caseId });
    return store.insert({ mutation: m, ...effects.claim(me, m) });
  }

  function directWith(me: User, userId: string): string | undefined {
    const row = db
      .prepare(
        `SELECT c.id FROM conversations c
           JOIN members a ON a.conversation_id = c.id AND a.user_id = ?
           JOIN members b ON b.conversation_id = c.id AND b.user_id = ?
          WHERE c.kind = 'direct' ORDER BY c.created_at LIMIT 1`,
      )
      .get(me.id, userId) as { id: string } | undefined;
    return row?.id;
  }

  function send(me: User, input: SendInput): OutboxRow {
    let conversationId = input.conversationId;
    if (input.toUserId !== undefined) {
      if (input.toUserId === me.id) refuse('A direct conversation needs someone else');
      conversationId = directWith(me, input.toUserId);
      if (conversationId === undefined) {
        const known = db.prepare('SELECT 1 FROM people WHERE id = ?').get(input.toUserId);
        if (!known) refuse(`No person ${input.toUserId}`);
        const open = build(conversationMutationSchema, {
          id: randomUUID(),
          kind: 'conversation',
          conversationId: randomUUID(),
          type: 'direct',
          memberIds: [input.toUserId],
        });
        store.insert({ mutation: open, ...effects.conversation(me, open) });
        conversationId = open.conversationId;
      }
    } else {
      const conversation = db
        .prepare(
          `SELECT c.kind, m.role FROM conversations c
             LEFT JOIN members m ON m.conversation_id = c.id AND m.user_id = ?
            WHERE c.id = ?`,
        )
        .get(me.id, conversationId) as { kind: string; role: string | null } | undefined;
      if (!conversation?.role) refuse('No such conversation');
      if (conversation?.kind === 'channel' && me.role !== 'team_lead' && me.role !== 'admin') {
        refuse('Only team leads post to channels');
      }
    }
    const m = build(messageMutationSchema, {
      id: randomUUID(),
      kind: 'message',
      conversationId,
      body: input.body,
      caseId: input.caseId,
      photoSha256s: input.photoSha256s,
      replyToId: input.replyToId,
      priority: input.priority,
      ackRequested: input.ackRequested,
    });
    return store.insert({ mutation: m, ...effects.message(me, m) });
  }

  function mark(me: User, input: MarkInput): OutboxRow | null {
    const message = db
      .prepare('SELECT sender_id, ack_requested FROM messages WHERE id = ?')
      .get(input.messageId) as { sender_id: string; ack_requested: number } | undefined;
    if (!message) refuse(`No message ${input.messageId}`);
    if (message?.sender_id === me.id) refuse('Receipts are for messages from others');
    if (input.state === 'acknowledged' && message?.ack_requested !== 1) {
      refuse('This message asks for no acknowledgement');
    }
    const receipt = db
      .prepare(
        `SELECT ${RECEIPT_COLUMN[input.state]} AS at FROM receipts
          WHERE message_id = ? AND user_id = ?`,
      )
      .get(input.messageId, me.id) as { at: string | null } | undefined;
    if (receipt?.at) {
      // Already marked; only a mark still on its way might need sending, and it is queued.
      return null;
    }
    const m = build(receiptMutationSchema, { id: randomUUID(), kind: 'receipt', ...input });
    return store.insert({ mutation: m, ...effects.receipt(me, m) });
  }

  /**
   * A dispatch: team leads and admins only, refused before anything is stored. Its targets are
   * checked against the local copy as the server will check them: teams with a channel of the
   * lead's, conversations the lead is in, people other than the lead.
   */
  function dispatch(me: User, input: DispatchInput): OutboxRow {
    if (!mayDispatch(me.role)) {
      throw new ContractError('forbidden', 'Only team leads and admins send dispatches');
    }
    const teamChannel = db.prepare(
      `SELECT 1 FROM conversations c JOIN members m ON m.conversation_id = c.id AND m.user_id = ?
        WHERE c.kind = 'channel' AND c.team_id = ? LIMIT 1`,
    );
    for (const teamId of input.targets.teamIds) {
      if (!teamChannel.get(me.id, teamId)) refuse(`Team ${teamId} has no channel of yours`);
    }
    const member = db.prepare('SELECT 1 FROM members WHERE conversation_id = ? AND user_id = ?');
    for (const id of input.targets.conversationIds) {
      if (!member.get(id, me.id)) refuse(`No conversation ${id}`);
    }
    const person = db.prepare('SELECT 1 FROM people WHERE id = ?');
    for (const userId of input.targets.userIds) {
      if (userId === me.id) refuse('A dispatch is not for its sender');
      if (!person.get(userId)) refuse(`No person ${userId}`);
    }
    if (
      input.sendAt !== undefined &&
      Date.parse(input.sendAt) > Date.now() + DISPATCH_SCHEDULE_MAX_DAYS * 86_400_000
    ) {
      refuse(`A dispatch is scheduled at most ${DISPATCH_SCHEDULE_MAX_DAYS} days ahead`);
    }
    const m = build(dispatchMutationSchema, { id: randomUUID(), kind: 'dispatch', ...input });
    return store.insert({ mutation: m, ...effects.dispatch(me, m) });
  }

  function cancelDispatch(me: User, input: CancelInput): OutboxRow {
    const row = db
      .prepare('SELECT sender_id, status FROM dispatches WHERE id = ?')
      .get(input.dispatchId) as { sender_id: string; status: string } | undefined;
    if (!row || row.sender_id !== me.id) refuse(`No dispatch ${input.dispatchId} of yours`);
    if (row?.status !== 'scheduled') {
      refuse(`The dispatch is ${row?.status ?? 'gone'}; only a scheduled one can be cancelled`);
    }
    const m = build(dispatchCancelMutationSchema, {
      id: randomUUID(),
      kind: 'dispatch_cancel',
      dispatchId: input.dispatchId,
    });
    return store.insert({ mutation: m, ...effects.dispatchCancel(m) });
  }

  /** The server's case from a conflict answer, if that is what the work collided with. */
  function serverCaseOf(row: OutboxRow): LocalCase | undefined {
    if (row.server_version === null) return undefined;
    const { entity, data } = JSON.parse(row.server_version) as {
      entity: string;
      data: { id?: unknown; status?: unknown; fineCents?: unknown; version?: unknown };
    };
    if (entity !== 'case') return undefined;
    const { id, status, fineCents, version } = data;
    if (typeof id !== 'string' || typeof status !== 'string') return undefined;
    if (typeof fineCents !== 'number' || typeof version !== 'number') return undefined;
    return { id, status, fine_cents: fineCents, version };
  }

  /** The same work once more under a new id: after a conflict, on top of the server's version. */
  function retry(me: User, row: OutboxRow): OutboxRow {
    const m = parseMutation(row);
    store.remove(row.id);
    switch (m.kind) {
      case 'decision': {
        const server = serverCaseOf(row);
        const local = caseOf(m.caseId);
        const input: DecideInput = {
          caseId: m.caseId,
          baseVersion: Math.max(server?.version ?? 0, local?.version ?? m.baseVersion),
          decision: m.decision,
          reasonCode: m.reasonCode,
          text: m.text,
          ...(m.newAmountCents === undefined ? {} : { newAmountCents: m.newAmountCents }),
        };
        return decide(me, input, server);
      }
      case 'claim':
      case 'release':
        return claim(me, m.kind, m.caseId);
      case 'conversation': {
        const again = { ...m, id: randomUUID() };
        return store.insert({ mutation: again, ...effects.conversation(me, again) });
      }
      case 'message': {
        const again = { ...m, id: randomUUID() };
        effects.renameMessage(m.id, again.id);
        return store.insert({ mutation: again, ...effects.message(me, again) });
      }
      case 'receipt': {
        const again = { ...m, id: randomUUID() };
        return store.insert({ mutation: again, ...effects.receipt(me, again) });
      }
      case 'dispatch': {
        // A new id is a new dispatch (the refused one never existed at the server), checked anew.
        return dispatch(me, {
          targets: m.targets,
          body: m.body,
          priority: m.priority,
          ackRequested: m.ackRequested,
          ...(m.sendAt === undefined ? {} : { sendAt: m.sendAt }),
          ...(m.remindAfterMinutes === undefined
            ? {}
            : { remindAfterMinutes: m.remindAfterMinutes }),
        });
      }
      case 'dispatch_cancel': {
        const again = { ...m, id: randomUUID() };
        return store.insert({ mutation: again, ...effects.dispatchCancel(again) });
      }
    }
  }

  const settled = (id: string): OutboxRow => {
    const row = store.get(id) ?? refuse(`No outbox entry ${id}`);
    if (row.state !== 'conflict' && row.state !== 'rejected') {
      refuse(`Only rejected or conflicting work can be retried or discarded; this is ${row.state}`);
    }
    return row;
  };

  /**
   * Runs a local write in one transaction, then tells the renderer and wakes the pusher. Immediate
   * (write lock first) like every read-then-write here: a deferred one that the pull worker's
   * commit outdated fails with "database is locked" instead of waiting its turn.
   */
  async function write(fn: (me: User) => OutboxRow | null): Promise<OutboxItem | null> {
    const me = await identity.require();
    const row = db.transaction(() => fn(me)).immediate();
    if (!row) return null;
    options.recorded(['outbox', ...entitiesOf(row.kind)]);
    return toOutboxItem(row);
  }
  async function writeOne(fn: (me: User) => OutboxRow): Promise<OutboxItem> {
    const item = await write(fn);
    if (!item) throw new Error('the write recorded nothing');
    return item;
  }

  return {
    'work.decide': (input) => writeOne((me) => decide(me, input)),
    'work.decideBulk': async (input): Promise<WorkDecideBulkResult> => {
      const me = await identity.require();
      const { rows, skipped } = db.transaction(() => decideBulk(me, input)).immediate();
      if (rows.length > 0) options.recorded(['outbox', ...entitiesOf('decision')]);
      return { queued: rows.map(toOutboxItem), skipped };
    },
    'work.claim': ({ caseId }) => writeOne((me) => claim(me, 'claim', caseId)),
    'work.release': ({ caseId }) => writeOne((me) => claim(me, 'release', caseId)),
    'messages.send': (input) => writeOne((me) => send(me, input)),
    'messages.mark': (input) => write((me) => mark(me, input)),
    'messages.markMany': async ({ messageIds, state }) => {
      const me = await identity.require();
      const rows = db
        .transaction(() =>
          messageIds.flatMap((messageId) => {
            try {
              const row = mark(me, { messageId, state });
              return row ? [row] : [];
            } catch (error) {
              // Refused before anything was written for it (gone, the user's own): skip it.
              if (error instanceof ContractError) return [];
              throw error;
            }
          }),
        )
        .immediate();
      if (rows.length > 0) options.recorded(['outbox', 'messages']);
      return { items: rows.map(toOutboxItem) };
    },
    'dispatch.send': (input) => writeOne((me) => dispatch(me, input)),
    'dispatch.cancel': (input) => writeOne((me) => cancelDispatch(me, input)),
    'outbox.list': async (input: ListInput) =>
      store.list({
        ...(input.states ? { states: input.states } : {}),
        ...(input.caseId ? { caseId: input.caseId } : {}),
        limit: input.limit,
      }),
    'outbox.retry': ({ id }) => writeOne((me) => retry(me, settled(id))),
    'outbox.discard': async ({ id }) => {
      const row = db
        .transaction(() => {
          const found = settled(id);
          effects.discard(found);
          store.remove(found.id);
          return found;
        })
        .immediate();
      options.recorded(['outbox', ...entitiesOf(row.kind)]);
      return { id };
    },
  };
}
