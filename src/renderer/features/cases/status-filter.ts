import type { CaseStatus } from '../../../shared/domain/case';

/** The filter choices, in the order clerks need them: disputes are the review queue. */
export const STATUS_FILTERS = ['all', 'disputed', 'open', 'decided', 'closed'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export function isStatusFilter(value: unknown): value is StatusFilter {
  return typeof value === 'string' && (STATUS_FILTERS as readonly string[]).includes(value);
}

/** The `status` argument of `cases.list`; undefined asks for every status. */
export function statusesFor(filter: StatusFilter): CaseStatus[] | undefined {
  return filter === 'all' ? undefined : [filter];
}
