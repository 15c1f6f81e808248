import { mayDispatch } from '../../shared/domain/dispatch';
import { isOfficeRole } from '../../shared/domain/user';
import { mutationSchema, type Mutation, type MutationResult } from '../../shared/sync/mutations';
import type { AuthUser } from '../auth/sessions';
import { claimCase, releaseCase } from '../cases/claims';
import { decideCase } from '../cases/decide';
import { ApiFailure } from '../errors';
import type { FeedHub } from '../feed/hub';
import type { FeedRecorder } from '../feed/types';
import { commitWithFeed } from '../feed/write';
import { openConversation } from '../messaging/conversations';
import { cancelDispatch, createDispatch } from '../messaging/dispatches';
import { markReceipt, sendMessage } from '../messaging/messages';
import { parseInput } from '../http/validate';
import type { SqlClient, SqlExecutor } from '../store/client';
import { MutationConflict, type EntityRef } from './outcome';

/** What a logged mutation answered; a retry of the same id gets it again. */
type StoredOutcome =
  | { status: 'applied'; record: EntityRef | null }
  | { status: 'rejected'; code: string; reason: string; field?: string };

async function runMutation(
  tx: SqlExecutor,
  feed: FeedRecorder,
  user: AuthUser,
  m: Mutation,
): Promise<EntityRef | null> {
  switch (m.kind) {
    case 'decision': {
      const data = await decideCase(tx, feed, user, {
        id: m.id,
        caseId: m.caseId,
        baseVersion: m.baseVersion,
        kind: m.decision,
        reasonCode: m.reasonCode,
        text: m.text,
        newAmountCents: m.newAmountCents,
      });
      return { entity: 'decision', data };
    }
    case 'claim':
      return { entity: 'claim', data: await claimCase(tx, feed, user, m.caseId) };
    case 'release':
      await releaseCase(tx, feed, user.id, m.caseId);
      return null;
    case 'conversation': {
      const data = await openConversation(tx, feed, user, {
        id: m.conversationId,
        kind: m.type,
        title: m.title,
        teamId: m.teamId,
        memberIds: m.memberIds,
      });
      return { entity: 'conversation', data };
    }
    case 'message':
      return { entity: 'message', data: await sendMessage(tx, feed, user, m) };
    case 'receipt':
      return { entity: 'receipt', data: await markReceipt(tx, feed, user, m.messageId, m.state) };
    case 'dispatch':
      return { entity: 'dispatch', data: await createDispatch(tx, feed, user, m) };
    case 'dispatch_cancel':
      return { entity: 'dispatch', data: await cancelDispatch(tx, feed, user, m.dispatchId) };
  }
}

/**
 * Decisions and claims are office work; field officers only message. Dispatching is for team
 * leads and admins (a cancel is checked against the dispatch's sender instead).
 */
function allowed(kind: Mutation['kind'], user: AuthUser): boolean {
  if (kind === 'decision' || kind === 'claim' || kind === 'release') return isOfficeRole(user.role);
  if (kind === 'dispatch') return mayDispatch(user.role);
  return true;
}

function clientId(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(id)
    ? id.toLowerCase()
    : null;
}

/** Claims `id` for this mutation in the log, or answers what the log already holds for it. */
async function claimLogEntry(
  tx: SqlExecutor,
  user: AuthUser,
  m: Mutation,
): Promise<MutationResult | null> {
  // ON CONFLICT waits for a concurrent transaction holding the same id, so of two requests
  // racing with one mutation, exactly one applies it.
  const fresh = await tx.query(
    `INSERT INTO mutations (id, user_id, kind, outcome) VALUES ($1, $2, $3, '{}')
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [m.id, user.id, m.kind],
  );
  if (fresh.length > 0) return null;
  const rows = await tx.query<{ user_id: string; outcome: StoredOutcome }>(
    'SELECT user_id, outcome FROM mutations WHERE id = $1',
    [m.id],
  );
  const logged = rows[0];
  if (!logged || logged.user_id !== user.id) {
    return {
      id: m.id,
      status: 'rejected',
      code: 'id_conflict',
      reason: 'Another mutation already has this id',
      field: 'id',
    };
  }
  if (logged.outcome.status === 'applied') {
    return { id: m.id, status: 'applied', repeated: true, record: logged.outcome.record };
  }
  return { id: m.id, ...logged.outcome };
}

async function logRejection(db: SqlClient, user: AuthUser, m: Mutation, outcome: StoredOutcome) {
  await db.query(
    `INSERT INTO mutations (id, user_id, kind, outcome) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO NOTHING`,
    [m.id, user.id, m.kind, JSON.stringify(outcome)],
  );
}

/**
 * Applies one mutation in its own transaction, at most once per id. Applied and rejected
 * outcomes are logged, so a retry (say, after a lost response) gets the same answer and no
 * second effect. Conflicts are not logged: nothing was applied, and the client resolves them
 * with a new mutation.
 */
export async function applyMutation(
  db: SqlClient,
  hub: FeedHub | null,
  user: AuthUser,
  raw: unknown,
): Promise<MutationResult> {
  let m: Mutation;
  try {
    m = parseInput(mutationSchema, raw, 'mutation');
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    return {
      id: clientId(raw),
      status: 'rejected',
      code: error.code,
      reason: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    };
  }
  try {
    if (!allowed(m.kind, user)) {
      throw new ApiFailure(403, 'forbidden', `Your role may not send ${m.kind} mutations`, 'kind');
    }
    return await commitWithFeed(db, hub, async (tx, feed) => {
      const logged = await claimLogEntry(tx, user, m);
      if (logged) return logged;
      const record = await runMutation(tx, feed, user, m);
      const outcome: StoredOutcome = { status: 'applied', record };
      await tx.query('UPDATE mutations SET outcome = $2 WHERE id = $1', [
        m.id,
        JSON.stringify(outcome),
      ]);
      return { id: m.id, status: 'applied', repeated: false, record };
    });
  } catch (error) {
    if (error instanceof MutationConflict) {
      return { id: m.id, status: 'conflict', reason: error.message, current: error.current };
    }
    if (error instanceof ApiFailure) {
      const outcome: StoredOutcome = {
        status: 'rejected',
        code: error.code,
        reason: error.message,
        ...(error.field === undefined ? {} : { field: error.field }),
      };
      await logRejection(db, user, m, outcome);
      return { id: m.id, ...outcome };
    }
    throw error;
  }
}
