import type { FeedEntity, FeedRecordOf } from '../../shared/sync/feed';

/**
 * Who may read a feed row. `all`: every logged-in user; `office`: clerks, team leads and admins;
 * `listed`: nobody by default. In every case the `users` listed and the members of
 * `conversationId` may read it too.
 */
export interface Audience {
  scope: 'all' | 'office' | 'listed';
  users?: readonly string[];
  conversationId?: string;
}

type UpsertOf<E extends FeedEntity> = {
  entity: E;
  id: string;
  op: 'upsert';
  data: FeedRecordOf<E>;
  audience: Audience;
};

/** A change recorded inside a write transaction, waiting for its cursor. */
export type PendingChange =
  | { [E in FeedEntity]: UpsertOf<E> }[FeedEntity]
  | { entity: FeedEntity; id: string; op: 'delete'; audience: Audience };

/** Collects the changes of one transaction; the feed appends them just before commit. */
export interface FeedRecorder {
  record(change: PendingChange): void;
}
