import {
  BULK_DECISION_KINDS,
  BULK_SKIP_REASONS,
  type BulkDecisionKind,
  type BulkSkipReason,
  type WorkDecideBulkInput,
  type WorkDecideBulkResult,
} from '../../../shared/contract/work-calls';
import { DECISION_TEXT_MAX, type DecisionReason } from '../../../shared/domain/decision';
import type { DraftErrors } from './decision-form';

export interface BulkDraft {
  kind: BulkDecisionKind | null;
  reasonCode: DecisionReason | null;
  text: string;
}

export const EMPTY_BULK_DRAFT: BulkDraft = { kind: null, reasonCode: null, text: '' };

export const isBulkKind = (value: string): value is BulkDecisionKind =>
  (BULK_DECISION_KINDS as readonly string[]).includes(value);

export type BulkCheck =
  | { ok: true; input: WorkDecideBulkInput }
  | { ok: false; errors: Pick<DraftErrors, 'kind' | 'reasonCode' | 'text'> };

/** The bulk form's rules: a kind, a reason, a text within bounds, and at least one case. */
export function checkBulkDraft(draft: BulkDraft, caseIds: readonly string[]): BulkCheck {
  const errors: Pick<DraftErrors, 'kind' | 'reasonCode' | 'text'> = {};
  const text = draft.text.trim();
  if (!draft.kind) errors.kind = 'kindRequired';
  if (!draft.reasonCode) errors.reasonCode = 'reasonRequired';
  if (text.length > DECISION_TEXT_MAX) errors.text = 'textTooLong';
  if (!draft.kind || !draft.reasonCode || errors.text || caseIds.length === 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    input: {
      caseIds: [...new Set(caseIds)],
      decision: draft.kind,
      reasonCode: draft.reasonCode,
      text,
    },
  };
}

/** The result in numbers: decided, skipped, and the skipped per reason (only reasons that occur). */
export function summarizeBulk(result: WorkDecideBulkResult): {
  queued: number;
  skipped: number;
  byReason: { reason: BulkSkipReason; count: number }[];
} {
  const counts = new Map<BulkSkipReason, number>();
  for (const s of result.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return {
    queued: result.queued.length,
    skipped: result.skipped.length,
    byReason: BULK_SKIP_REASONS.filter((r) => counts.has(r)).map((reason) => ({
      reason,
      count: counts.get(reason) ?? 0,
    })),
  };
}
