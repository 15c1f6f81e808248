import { z } from 'zod';
import { instantSchema } from './time';

/**
 * What a clerk can decide on a disputed case: keep the fine, lower it, drop the case
 * (Einstellung), ask the officer first, or hand it to the Bußgeldstelle.
 */
export const DECISION_KINDS = [
  'uphold',
  'reduce',
  'withdraw',
  'request_statement',
  'forward',
] as const;
export const decisionKindSchema = z.enum(DECISION_KINDS);
export type DecisionKind = z.infer<typeof decisionKindSchema>;

/** Reason codes a decision must carry; the console shows their German labels. */
export const DECISION_REASONS = [
  'offence_proven',
  'statement_credible',
  'evidence_insufficient',
  'sign_faulty',
  'exemption_permit',
  'emergency',
  'vehicle_misidentified',
  'hardship',
  'statement_needed',
  'payment_refused',
  'other',
] as const;
export const decisionReasonSchema = z.enum(DECISION_REASONS);
export type DecisionReason = z.infer<typeof decisionReasonSchema>;

export const DECISION_TEXT_MAX = 4000;

/** The status a case moves to with each decision kind. */
export const STATUS_AFTER_DECISION = {
  uphold: 'decided',
  reduce: 'decided',
  withdraw: 'withdrawn',
  request_statement: 'awaiting_statement',
  forward: 'forwarded',
} as const satisfies Record<DecisionKind, string>;

export const decisionRecordSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: decisionKindSchema,
  reasonCode: decisionReasonSchema,
  text: z.string().max(DECISION_TEXT_MAX),
  /** Only for `reduce`: the new fine in cents, below the old one. */
  newAmountCents: z.number().int().min(0).max(10_000_000).nullable(),
  clerkId: z.string().min(1).max(64),
  decidedAt: instantSchema,
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;
