import type { DispatchTargets } from '../../shared/domain/dispatch';
import type { AuthUser } from '../auth/sessions';
import { ApiFailure } from '../errors';
import type { FeedRecorder } from '../feed/types';
import type { SqlExecutor } from '../store/client';
import { directConversation, findConversation, memberRole } from './conversations';

/** Each list without repeats, in the order first named. */
export function distinctTargets(targets: DispatchTargets): DispatchTargets {
  return {
    teamIds: [...new Set(targets.teamIds)],
    conversationIds: [...new Set(targets.conversationIds.map((id) => id.toLowerCase()))],
    userIds: [...new Set(targets.userIds)],
  };
}

/**
 * A team's channel: the oldest channel of the team that the sender is a member of (and so may
 * post to, being a team lead or admin).
 */
async function teamChannel(
  tx: SqlExecutor,
  sender: AuthUser,
  teamId: string,
): Promise<string | ApiFailure> {
  const team = await tx.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
  if (team.length === 0) {
    return new ApiFailure(404, 'unknown_team', `No team ${teamId}`, 'targets.teamIds');
  }
  const rows = await tx.query<{ id: string }>(
    `SELECT c.id FROM conversations c
       JOIN conversation_members m ON m.conversation_id = c.id AND m.user_id = $2
      WHERE c.kind = 'channel' AND c.team_id = $1
      ORDER BY c.created_at, c.id LIMIT 1`,
    [teamId, sender.id],
  );
  return (
    rows[0]?.id ??
    new ApiFailure(404, 'not_found', `Team ${teamId} has no channel of yours`, 'targets.teamIds')
  );
}

async function ownConversation(
  tx: SqlExecutor,
  sender: AuthUser,
  id: string,
): Promise<string | ApiFailure> {
  const conversation = await findConversation(tx, id);
  if (!conversation || !(await memberRole(tx, id, sender.id))) {
    return new ApiFailure(404, 'not_found', `No conversation ${id}`, 'targets.conversationIds');
  }
  return conversation.id;
}

/** The direct conversation with `userId`, opened when `feed` is given and there is none yet. */
async function directWith(
  tx: SqlExecutor,
  feed: FeedRecorder | null,
  sender: AuthUser,
  userId: string,
): Promise<string | null | ApiFailure> {
  if (userId === sender.id) {
    return new ApiFailure(
      400,
      'invalid_input',
      'A dispatch is not for its sender',
      'targets.userIds',
    );
  }
  const known = await tx.query('SELECT 1 FROM users WHERE id = $1', [userId]);
  if (known.length === 0) {
    return new ApiFailure(404, 'unknown_user', `No user ${userId}`, 'targets.userIds');
  }
  if (!feed) return null;
  return (await directConversation(tx, feed, sender, userId)).id;
}

export interface ReachedConversations {
  /** Every conversation the targets reach, once each: team channels, conversations, people. */
  conversationIds: string[];
  /** Targets that reach nothing, each with why; empty when all are fine. */
  failures: ApiFailure[];
}

/**
 * Where a dispatch's targets lead. With `feed` null it only checks them (a scheduled dispatch
 * opens no direct conversations until it is sent, so a cancelled one leaves none behind); with a
 * feed, people without a direct conversation with the sender get one. A target that leads
 * nowhere is reported, not thrown, so the caller chooses: refuse the dispatch (when the lead is
 * waiting for the answer) or send to the rest (a scheduled dispatch whose channel went away).
 */
export async function reachTargets(
  tx: SqlExecutor,
  feed: FeedRecorder | null,
  sender: AuthUser,
  targets: DispatchTargets,
): Promise<ReachedConversations> {
  const found: (string | null | ApiFailure)[] = [];
  for (const teamId of targets.teamIds) found.push(await teamChannel(tx, sender, teamId));
  for (const id of targets.conversationIds) found.push(await ownConversation(tx, sender, id));
  for (const userId of targets.userIds) found.push(await directWith(tx, feed, sender, userId));
  const conversationIds: string[] = [];
  const failures: ApiFailure[] = [];
  for (const result of found) {
    if (result instanceof ApiFailure) failures.push(result);
    else if (result !== null && !conversationIds.includes(result)) conversationIds.push(result);
  }
  return { conversationIds, failures };
}
