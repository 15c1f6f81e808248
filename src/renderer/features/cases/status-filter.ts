import type { CaseStatus } from '../../../shared/domain/case';

/**
 * The filter choices, in the order clerks need them: disputes are the review queue, then the
 * cases waiting for an officer's statement; the finished outcomes come last.
 */
export const STATUS_FILTERS = [
  'all',
  'disputed',
  'awaiting_statement',
  'open',
  'decided',
  'withdrawn',
  'forwarded',
  'closed',
] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

// Every status has its filter: a status added to the domain without one is a compile error here.
type MissingFilter = Exclude<CaseStatus, StatusFilter>;
const everyStatusFiltered: [MissingFilter] extends [never] ? true : MissingFilter = true;
void everyStatusFiltered;

export function isStatusFilter(value: unknown): value is StatusFilter {
  return typeof value === 'string' && (STATUS_FILTERS as readonly string[]).includes(value);
}

/** The `status` argument of `cases.list`; undefined asks for every status. */
export function statusesFor(filter: StatusFilter): CaseStatus[] | undefined {
  return filter === 'all' ? undefined : [filter];
}
