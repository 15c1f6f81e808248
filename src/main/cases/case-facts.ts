import type { CaseClaim } from '../../shared/contract/case-calls';
import type { Db } from '../db/connection';
import type { QueueContext } from './queue-filter';
import { prepared } from '../db/prepared';

interface ClaimRow {
  clerk_id: string;
  claimed_at: string;
  expires_at: string;
  name: string | null;
}

/** The case's claim while it holds; an expired claim is as good as none. */
export function claimOf(db: Db, caseId: string, ctx: QueueContext): CaseClaim | null {
  const row = prepared(
    db,
    `SELECT k.clerk_id, k.claimed_at, k.expires_at, p.display_name AS name
       FROM claims k LEFT JOIN people p ON p.id = k.clerk_id
      WHERE k.case_id = ? AND k.expires_at > ?`,
  ).get(caseId, ctx.now.toISOString()) as ClaimRow | undefined;
  if (!row) return null;
  return {
    clerkId: row.clerk_id,
    clerkName: row.name ?? row.clerk_id,
    claimedAt: row.claimed_at,
    expiresAt: row.expires_at,
    mine: row.clerk_id === ctx.me,
  };
}

/** A decision of this console on the case is not yet confirmed by the server. */
export function hasPendingDecision(db: Db, caseId: string): boolean {
  return (
    prepared(
      db,
      `SELECT 1 FROM outbox WHERE case_id = ? AND kind = 'decision'
          AND state IN ('pending', 'pushing') LIMIT 1`,
    ).get(caseId) !== undefined
  );
}
