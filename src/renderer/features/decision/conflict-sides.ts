import { z } from 'zod';
import type { CaseDetail } from '../../../shared/contract';
import type { OutboxItem } from '../../../shared/contract/work-calls';
import { caseStatusSchema, type CaseStatus } from '../../../shared/domain/case';
import type { DecisionRecord } from '../../../shared/domain/decision';
import { instantSchema } from '../../../shared/domain/time';

// The server's row arrives untyped (any entity); only the fields shown are read, defensively.
const serverCaseSchema = z.object({ status: caseStatusSchema, version: z.number() });
const serverClaimSchema = z.object({ clerkId: z.string(), claimedAt: instantSchema });

export interface TheirSide {
  /** The case's status on the server, when the conflict was with the case. */
  status: CaseStatus | null;
  /** The decision that won: the latest one on the case that is not this console's. */
  decision: DecisionRecord | null;
  decidedBy: string | null;
  /** When the conflict was another clerk's claim. */
  claim: { name: string; claimedAt: string } | null;
}

/**
 * The other side of a conflicting decision, from the server's answer (`conflict.server`) and
 * what the feed has brought since (the case's decisions, with names from its timeline).
 */
export function theirSide(item: OutboxItem, detail: CaseDetail): TheirSide {
  const server = item.conflict?.server;
  const kase = server?.entity === 'case' ? serverCaseSchema.safeParse(server.data) : null;
  const held = server?.entity === 'claim' ? serverClaimSchema.safeParse(server.data) : null;
  const decision = detail.decisions.filter((d) => d.id !== item.id).at(-1) ?? null;
  const nameOf = (id: string): string =>
    detail.timeline.find((e) => e.actor.id === id)?.actor.name ??
    (detail.claim?.clerkId === id ? detail.claim.clerkName : id);
  return {
    // The feed may have brought a newer row than the one the server answered with.
    status:
      held !== null
        ? null
        : kase?.success && kase.data.version > detail.case.version
          ? kase.data.status
          : detail.case.status,
    decision: held?.success ? null : decision,
    decidedBy: decision ? nameOf(decision.clerkId) : null,
    claim: held?.success
      ? { name: nameOf(held.data.clerkId), claimedAt: held.data.claimedAt }
      : null,
  };
}
