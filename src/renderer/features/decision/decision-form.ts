import type { WorkDecideInput } from '../../../shared/contract/work-calls';
import {
  DECISION_REASONS,
  DECISION_TEXT_MAX,
  type DecisionKind,
  type DecisionReason,
} from '../../../shared/domain/decision';

/** What the clerk has entered so far; the amount stays text until it is valid. */
export interface DecisionDraft {
  kind: DecisionKind | null;
  reasonCode: DecisionReason | null;
  text: string;
  /** The new fine as typed, German style ("25,50", "25 €") or with a decimal point. */
  amount: string;
}

export const EMPTY_DRAFT: DecisionDraft = { kind: null, reasonCode: null, text: '', amount: '' };

export type DraftField = 'kind' | 'reasonCode' | 'amount' | 'text';

/** Each maps to `decision.errors.<code>`; `amountNotLower` takes the old fine as `{{fine}}`. */
export type DraftError =
  | 'kindRequired'
  | 'reasonRequired'
  | 'amountRequired'
  | 'amountInvalid'
  | 'amountZero'
  | 'amountNotLower'
  | 'textRequired'
  | 'textTooLong';

export type DraftErrors = Partial<Record<DraftField, DraftError>>;

/**
 * Euro text to cents, or null when it is not an amount. A comma is the decimal mark (dots are
 * then thousands: "1.234,50"); without a comma a dot followed by one or two digits is read as a
 * decimal point, since clerks paste amounts from English-formatted sources too.
 */
export function parseAmount(text: string): number | null {
  let s = text.replace(/[\s\u00a0€]/g, '').replace(/EUR$/i, '');
  if (s === '') return null;
  if (s.includes(',')) {
    s = s.replace(/\.(?=\d{3}(?:[.,]|$))/g, '').replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [euros = '0', cents = ''] = s.split('.');
  const value = Number(euros) * 100 + Number(cents.padEnd(2, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * Steps that close the case for this office (or change what the person owes) ask once for
 * confirmation. A statement request does not: the case stays open for a later decision.
 */
export function needsConfirmation(kind: DecisionKind): boolean {
  return kind !== 'request_statement';
}

/** Reasons that usually go with a decision kind; shown first, the others follow. */
const SUGGESTED: Record<DecisionKind, readonly DecisionReason[]> = {
  uphold: ['offence_proven', 'payment_refused'],
  reduce: ['hardship', 'statement_credible'],
  withdraw: [
    'evidence_insufficient',
    'sign_faulty',
    'exemption_permit',
    'emergency',
    'vehicle_misidentified',
    'statement_credible',
  ],
  request_statement: ['statement_needed'],
  forward: ['payment_refused', 'offence_proven'],
};

export function reasonGroups(kind: DecisionKind | null): {
  suggested: readonly DecisionReason[];
  others: readonly DecisionReason[];
} {
  if (!kind) return { suggested: [], others: DECISION_REASONS };
  const suggested = SUGGESTED[kind];
  return { suggested, others: DECISION_REASONS.filter((r) => !suggested.includes(r)) };
}

/**
 * A new kind keeps what the clerk wrote; a statement request has exactly one fitting reason, so
 * it is chosen for them when none is yet.
 */
export function withKind(draft: DecisionDraft, kind: DecisionKind): DecisionDraft {
  const reasonCode = draft.reasonCode ?? (kind === 'request_statement' ? 'statement_needed' : null);
  return { ...draft, kind, reasonCode };
}

/** Adds a template's text after what is there (a blank line between), never replacing it. */
export function insertTemplate(text: string, template: string): string {
  const before = text.trimEnd();
  if (before === '') return template;
  if (before.includes(template)) return text;
  return `${before}\n\n${template}`;
}

export type DraftCheck = { ok: true; input: WorkDecideInput } | { ok: false; errors: DraftErrors };

/**
 * Everything the form checks before it submits: the same rules work.decide enforces, in words a
 * clerk can act on. `fineCents` is the case's current fine, `baseVersion` the version shown.
 */
export function checkDraft(
  draft: DecisionDraft,
  kase: { caseId: string; fineCents: number; baseVersion: number },
): DraftCheck {
  const errors: DraftErrors = {};
  const text = draft.text.trim();
  if (!draft.kind) errors.kind = 'kindRequired';
  if (!draft.reasonCode) errors.reasonCode = 'reasonRequired';
  let newAmountCents: number | undefined;
  if (draft.kind === 'reduce') {
    const cents = parseAmount(draft.amount);
    if (draft.amount.trim() === '') errors.amount = 'amountRequired';
    else if (cents === null) errors.amount = 'amountInvalid';
    else if (cents === 0) errors.amount = 'amountZero';
    else if (cents >= kase.fineCents) errors.amount = 'amountNotLower';
    else newAmountCents = cents;
  }
  if (draft.kind === 'request_statement' && text === '') errors.text = 'textRequired';
  if (text.length > DECISION_TEXT_MAX) errors.text = 'textTooLong';
  if (!draft.kind || !draft.reasonCode || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    input: {
      caseId: kase.caseId,
      baseVersion: kase.baseVersion,
      decision: draft.kind,
      reasonCode: draft.reasonCode,
      text,
      ...(newAmountCents === undefined ? {} : { newAmountCents }),
    },
  };
}

/** The field to put the cursor in after a failed submit: the first one in the form's order. */
export function firstErrorField(errors: DraftErrors): DraftField | null {
  const order: DraftField[] = ['kind', 'amount', 'reasonCode', 'text'];
  return order.find((field) => errors[field] !== undefined) ?? null;
}

/** Whether the clerk has started a decision: what makes the form claim the case for them. */
export function hasStarted(draft: DecisionDraft): boolean {
  return (
    draft.kind !== null ||
    draft.reasonCode !== null ||
    draft.text.trim() !== '' ||
    draft.amount.trim() !== ''
  );
}
