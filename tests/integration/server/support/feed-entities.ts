import {
  FEED_ENTITY_SCHEMAS,
  type FeedChange,
  type FeedEntity,
  type FeedRecordOf,
} from '../../../../src/shared/sync/feed';

/**
 * The feed row's key as the server writes it in a delete line: the id, or for composite keys the
 * parts joined by `:` (see FEED_ENTITY_SCHEMAS).
 */
export function entityKey(change: FeedChange): string {
  if (change.op === 'delete') return change.id;
  switch (change.entity) {
    case 'photo':
      return change.data.sha256;
    case 'claim':
      return change.data.caseId;
    case 'member':
      return `${change.data.conversationId}:${change.data.userId}`;
    case 'receipt':
      return `${change.data.messageId}:${change.data.userId}`;
    case 'offence':
      return change.data.code;
    default:
      return change.data.id;
  }
}

/** `entity:key`, unique per feed row. */
export function rowKey(change: FeedChange): string {
  return `${change.entity}:${entityKey(change)}`;
}

/** The upserted records of one entity, in feed order. */
export function upsertsOf<E extends FeedEntity>(
  changes: readonly FeedChange[],
  entity: E,
): FeedRecordOf<E>[] {
  return changes
    .filter((change) => change.entity === entity && change.op === 'upsert')
    .map((change) => {
      if (change.op !== 'upsert') throw new Error('unreachable');
      return FEED_ENTITY_SCHEMAS[entity].parse(change.data) as FeedRecordOf<E>;
    });
}

/** The changes (upserts and deletes) of one entity, in feed order. */
export function changesOf(changes: readonly FeedChange[], entity: FeedEntity): FeedChange[] {
  return changes.filter((change) => change.entity === entity);
}

/** How many changes of each entity, for readable failure messages. */
export function entityCounts(changes: readonly FeedChange[]): Partial<Record<FeedEntity, number>> {
  const counts: Partial<Record<FeedEntity, number>> = {};
  for (const change of changes) counts[change.entity] = (counts[change.entity] ?? 0) + 1;
  return counts;
}
