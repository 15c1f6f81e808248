import type { ContractImpl } from '../../shared/contract';
import type { Db } from '../db/connection';
import { caseDetail } from './detail';
import { directory } from './directory';
import { queueCounts, queuePage, queueTotal } from './queue';
import type { QueueContext } from './queue-filter';

type CaseCallsImpl = Pick<
  ContractImpl,
  'cases.queue' | 'cases.queueTotal' | 'cases.queueCounts' | 'cases.get' | 'cases.directory'
>;

export interface CaseCallsOptions {
  /** The logged-in clerk's id, or null before the first login. */
  me: () => string | null;
  now?: () => Date;
}

/** The review queue and case view calls (issue #5) over the local database. */
export function caseCallsImpl(db: Db, options: CaseCallsOptions): CaseCallsImpl {
  const context = (): QueueContext => ({ now: options.now?.() ?? new Date(), me: options.me() });
  return {
    'cases.queue': async (input) => queuePage(db, input, context()),
    'cases.queueTotal': async (input) => queueTotal(db, input, context()),
    'cases.queueCounts': async () => queueCounts(db, context()),
    'cases.get': async (input) => caseDetail(db, input.caseId, context()),
    'cases.directory': async () => directory(db),
  };
}
