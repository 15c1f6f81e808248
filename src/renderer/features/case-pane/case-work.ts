import type { CaseDetail } from '../../../shared/contract';
import type { OutboxItem } from '../../../shared/contract/work-calls';
import type { CaseStatus } from '../../../shared/domain/case';

/** Statuses that wait for a clerk's decision (the server's and main's rule). */
export const DECIDABLE_STATUSES: readonly CaseStatus[] = ['disputed', 'awaiting_statement'];

export interface CaseWork {
  /** The case's status waits for a decision. */
  statusDecidable: boolean;
  /** A decision of this console on the case is still on its way. */
  pending: OutboxItem | null;
  /** The newest decision of this console that collided with someone else's change. */
  conflict: OutboxItem | null;
  /** Claims or releases of this console the server refused or collided on. */
  refusedClaims: OutboxItem[];
  /** The form may submit: the status allows it and no decision is on its way (main refuses a second). */
  decidable: boolean;
}

/** Where this console's work on the case stands, from its outbox items (any order). */
export function caseWork(detail: Pick<CaseDetail, 'case'>, items: readonly OutboxItem[]): CaseWork {
  const decisions = items
    .filter((item) => item.kind === 'decision' && item.caseId === detail.case.id)
    .toSorted((a, b) => b.createdAt.localeCompare(a.createdAt));
  const pending =
    decisions.find((item) => item.state === 'pending' || item.state === 'pushing') ?? null;
  const conflict = decisions.find((item) => item.state === 'conflict') ?? null;
  const refusedClaims = items.filter(
    (item) =>
      (item.kind === 'claim' || item.kind === 'release') &&
      item.caseId === detail.case.id &&
      (item.state === 'conflict' || item.state === 'rejected'),
  );
  const statusDecidable = DECIDABLE_STATUSES.includes(detail.case.status);
  return {
    statusDecidable,
    pending,
    conflict,
    refusedClaims,
    decidable: statusDecidable && pending === null,
  };
}
