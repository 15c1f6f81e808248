import type { QueryKey } from '@tanstack/react-query';
import type { DataChanged } from '../../shared/contract';

/** The contract's data entities, as named by the `data.changed` event. */
export type DataEntity = DataChanged['entities'][number];

/**
 * Every query key starts with its entity, so that `data.changed` for an entity can invalidate all
 * of that entity's queries by prefix and nothing else.
 */
export const queryKeys = {
  cases: {
    all: ['cases'] as const,
  },
  messages: {
    all: ['messages'] as const,
  },
  sync: {
    status: ['sync', 'status'] as const,
  },
  session: ['session'] as const,
  settings: ['settings'] as const,
};

/** Root key per entity; a Record so a new entity in the contract fails the type check here. */
const ENTITY_ROOT_KEYS: Record<DataEntity, QueryKey> = {
  cases: queryKeys.cases.all,
  photos: ['photos'],
  outbox: ['outbox'],
  messages: queryKeys.messages.all,
};

/** The query-key prefixes to invalidate for a `data.changed` event, one per named entity. */
export function keysForDataChanged(event: DataChanged): QueryKey[] {
  return [...new Set(event.entities)].map((entity) => ENTITY_ROOT_KEYS[entity]);
}
