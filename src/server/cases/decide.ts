import {
  STATUS_AFTER_DECISION,
  type DecisionKind,
  type DecisionReason,
  type DecisionRecord,
} from '../../shared/domain/decision';
import type { AuthUser } from '../auth/sessions';
import { ApiFailure } from '../errors';
import { OFFICE } from '../feed/audiences';
import type { FeedRecorder } from '../feed/types';
import { directConversation } from '../messaging/conversations';
import { sendMessage } from '../messaging/messages';
import { MutationConflict } from '../mutations/outcome';
import type { SqlExecutor } from '../store/client';
import { assertNotClaimedByOther, DECIDABLE, releaseCase } from './claims';
import { recordCaseEvent } from './events';
import { lockCase, updateCase } from './update';

export interface NewDecision {
  id: string;
  caseId: string;
  baseVersion: number;
  kind: DecisionKind;
  reasonCode: DecisionReason;
  text: string;
  newAmountCents?: number | undefined;
}

/**
 * Records a clerk's decision on a disputed case. It applies only to the version the clerk saw:
 * if the case changed meanwhile (someone decided first) or another clerk holds it, that is a
 * conflict. A statement request also messages the case's officer, linked to the case, under the
 * decision's id so a retry cannot send it twice.
 */
export async function decideCase(
  tx: SqlExecutor,
  feed: FeedRecorder,
  clerk: AuthUser,
  input: NewDecision,
): Promise<DecisionRecord> {
  const current = await lockCase(tx, input.caseId);
  if (!current) throw new ApiFailure(404, 'not_found', `No case ${input.caseId}`, 'caseId');
  if (current.version !== input.baseVersion) {
    throw new MutationConflict(
      `The case changed since version ${input.baseVersion}; it is now version ${current.version}`,
      { entity: 'case', data: current },
    );
  }
  if (!DECIDABLE.includes(current.status)) {
    throw new ApiFailure(409, 'not_decidable', `The case is ${current.status}`, 'caseId');
  }
  await assertNotClaimedByOther(tx, current.id, clerk.id);
  if (input.kind === 'reduce' && (input.newAmountCents ?? 0) >= current.fineCents) {
    throw new ApiFailure(
      400,
      'amount_not_lower',
      `The new amount must be below ${current.fineCents} cents`,
      'newAmountCents',
    );
  }

  const rows = await tx.query<{ decided_at: Date }>(
    `INSERT INTO decisions (id, case_id, kind, reason_code, text, new_amount_cents, clerk_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING decided_at`,
    [
      input.id,
      current.id,
      input.kind,
      input.reasonCode,
      input.text,
      input.kind === 'reduce' ? (input.newAmountCents ?? null) : null,
      clerk.id,
    ],
  );
  const decidedAt = rows[0]?.decided_at;
  if (!decidedAt) throw new Error('decision not inserted');
  const record: DecisionRecord = {
    id: input.id,
    caseId: current.id,
    kind: input.kind,
    reasonCode: input.reasonCode,
    text: input.text,
    newAmountCents: input.kind === 'reduce' ? (input.newAmountCents ?? null) : null,
    clerkId: clerk.id,
    decidedAt: decidedAt.toISOString(),
  };
  feed.record({ entity: 'decision', id: record.id, op: 'upsert', data: record, audience: OFFICE });
  await updateCase(tx, feed, current.id, {
    status: STATUS_AFTER_DECISION[input.kind],
    ...(input.kind === 'reduce' && input.newAmountCents !== undefined
      ? { fineCents: input.newAmountCents }
      : {}),
  });
  await recordCaseEvent(tx, feed, {
    caseId: current.id,
    kind: 'decided',
    actorId: clerk.id,
    refId: record.id,
    detail: input.kind,
  });
  await releaseCase(tx, feed, clerk.id, current.id, 'decided');

  if (input.kind === 'request_statement') {
    const conversation = await directConversation(tx, feed, clerk, current.officerId);
    await sendMessage(tx, feed, clerk, {
      id: input.id,
      conversationId: conversation.id,
      body: input.text,
      caseId: current.id,
      photoSha256s: [],
      priority: 'high',
      ackRequested: false,
    });
  }
  return record;
}
