import type { FeedEntity } from '../../shared/sync/feed';

/** A row as a mutation result carries it: which entity, and its record. */
export interface EntityRef {
  entity: FeedEntity;
  data: unknown;
}

/**
 * Thrown by a mutation handler when the mutation collides with what another user did first (a
 * newer version, someone else's claim). The transaction rolls back; the client gets the current
 * row to show both sides. Refusals that no retry can fix are `ApiFailure`s instead.
 */
export class MutationConflict extends Error {
  override name = 'MutationConflict';
  constructor(
    message: string,
    readonly current: EntityRef,
  ) {
    super(message);
  }
}
