import type { DataChanged } from '../../shared/contract';
import type { FeedEntity } from '../../shared/sync/feed';

/** What a synced page can change on screen: the case views or the messages. */
export type SyncedEntity = Extract<DataChanged['entities'][number], 'cases' | 'messages'>;

/**
 * Which of the renderer's query roots a feed entity shows up in. A message about a case reaches
 * the case's timeline as its own case event, so messages need not refresh the cases; people and
 * teams are names in both.
 */
const SHOWN_IN: Record<FeedEntity, readonly SyncedEntity[]> = {
  case: ['cases'],
  photo: ['cases'],
  dispute: ['cases'],
  decision: ['cases'],
  case_event: ['cases'],
  claim: ['cases'],
  offence: ['cases'],
  conversation: ['messages'],
  member: ['messages'],
  message: ['messages'],
  receipt: ['messages'],
  team: ['cases', 'messages'],
  person: ['cases', 'messages'],
  dispatch: ['messages'],
};

/** Adds what `changes` touch to `into`. */
export function collectShown(
  changes: readonly { entity: FeedEntity }[],
  into: Set<SyncedEntity>,
): void {
  for (const change of changes) for (const entity of SHOWN_IN[change.entity]) into.add(entity);
}

/** Everything: for a reset or a sweep, which may have changed anything. */
export const ALL_SYNCED: readonly SyncedEntity[] = ['cases', 'messages'];
