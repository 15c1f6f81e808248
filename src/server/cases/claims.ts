import type { CaseStatus } from '../../shared/domain/case';
import { CLAIM_TTL_MS, type ClaimRecord } from '../../shared/domain/claim';
import type { AuthUser } from '../auth/sessions';
import { ApiFailure } from '../errors';
import { OFFICE } from '../feed/audiences';
import type { FeedRecorder } from '../feed/types';
import { MutationConflict } from '../mutations/outcome';
import type { SqlExecutor } from '../store/client';
import { recordCaseEvent } from './events';
import { lockCase } from './update';

/** Only cases waiting for a decision are worked on, so only they can be claimed. */
export const DECIDABLE: readonly CaseStatus[] = ['disputed', 'awaiting_statement'];

interface ClaimRow {
  case_id: string;
  clerk_id: string;
  claimed_at: Date;
  expires_at: Date;
}

function toClaimRecord(row: ClaimRow): ClaimRecord {
  return {
    caseId: row.case_id,
    clerkId: row.clerk_id,
    claimedAt: row.claimed_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
}

/** The claim on a case that has not yet lapsed, whoever holds it. */
export async function activeClaim(tx: SqlExecutor, caseId: string): Promise<ClaimRecord | null> {
  const rows = await tx.query<ClaimRow>(
    'SELECT * FROM claims WHERE case_id = $1 AND expires_at > now()',
    [caseId],
  );
  return rows[0] ? toClaimRecord(rows[0]) : null;
}

/** Refuses when someone else holds a live claim on the case. */
export async function assertNotClaimedByOther(
  tx: SqlExecutor,
  caseId: string,
  userId: string,
): Promise<void> {
  const claim = await activeClaim(tx, caseId);
  if (claim && claim.clerkId !== userId) {
    throw new MutationConflict(`The case is being worked on by ${claim.clerkId}`, {
      entity: 'claim',
      data: claim,
    });
  }
}

/**
 * Claims a case for `user` (or renews their claim) for CLAIM_TTL_MS. Someone else's live claim
 * is a conflict; a lapsed one is simply taken over.
 */
export async function claimCase(
  tx: SqlExecutor,
  feed: FeedRecorder,
  user: AuthUser,
  caseId: string,
): Promise<ClaimRecord> {
  const current = await lockCase(tx, caseId);
  if (!current) throw new ApiFailure(404, 'not_found', `No case ${caseId}`, 'caseId');
  if (!DECIDABLE.includes(current.status)) {
    throw new ApiFailure(409, 'not_claimable', `The case is ${current.status}`, 'caseId');
  }
  const held = await activeClaim(tx, caseId);
  await assertNotClaimedByOther(tx, caseId, user.id);
  const rows = await tx.query<ClaimRow>(
    `INSERT INTO claims (case_id, clerk_id, claimed_at, expires_at)
     VALUES ($1, $2, now(), now() + make_interval(secs => $3))
     ON CONFLICT (case_id) DO UPDATE SET clerk_id = EXCLUDED.clerk_id,
       claimed_at = CASE WHEN claims.clerk_id = EXCLUDED.clerk_id AND claims.expires_at > now()
                         THEN claims.claimed_at ELSE EXCLUDED.claimed_at END,
       expires_at = EXCLUDED.expires_at
     RETURNING *`,
    [caseId, user.id, CLAIM_TTL_MS / 1000],
  );
  const row = rows[0];
  if (!row) throw new Error('claim not written');
  const record = toClaimRecord(row);
  feed.record({ entity: 'claim', id: caseId, op: 'upsert', data: record, audience: OFFICE });
  if (!held) await recordCaseEvent(tx, feed, { caseId, kind: 'claimed', actorId: user.id });
  return record;
}

/**
 * Gives up `user`'s claim. Releasing a case nobody holds is a no-op; someone else's live claim
 * is a conflict.
 */
export async function releaseCase(
  tx: SqlExecutor,
  feed: FeedRecorder,
  userId: string,
  caseId: string,
  why: 'released' | 'decided' = 'released',
): Promise<void> {
  await assertNotClaimedByOther(tx, caseId, userId);
  const rows = await tx.query<{ case_id: string }>(
    'DELETE FROM claims WHERE case_id = $1 RETURNING case_id',
    [caseId],
  );
  if (rows.length === 0) return;
  feed.record({ entity: 'claim', id: caseId, op: 'delete', audience: OFFICE });
  if (why === 'released') {
    await recordCaseEvent(tx, feed, { caseId, kind: 'released', actorId: userId });
  }
}
