import type { CaseRecord } from '../../shared/domain/case';

/** A change recorded inside a write transaction, waiting for its cursor. */
export type PendingChange =
  | { entity: 'case'; id: string; op: 'upsert'; data: CaseRecord }
  | { entity: 'case'; id: string; op: 'delete' };

/** Collects the changes of one transaction; the feed appends them just before commit. */
export interface FeedRecorder {
  record(change: PendingChange): void;
}
