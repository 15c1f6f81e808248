/** The console's areas: the review queue, the messages, and (team leads) the dispatches. */
export const AREAS = ['queue', 'messages', 'dispatch'] as const;
export type Area = (typeof AREAS)[number];

/** Alt+<key> switches to an area (Alt+1…7 are the queue's views). */
export const AREA_KEYS: Record<Area, string> = { queue: 'a', messages: 'n', dispatch: 'r' };

/** The area an Alt+key press asks for, if any. */
export function areaForKey(
  event: {
    altKey: boolean;
    ctrlKey: boolean;
    metaKey: boolean;
    shiftKey: boolean;
    code: string;
  },
  areas: readonly Area[] = AREAS,
): Area | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  // The key's position, not its character: Alt changes the character on some layouts.
  return areas.find((area) => `Key${AREA_KEYS[area].toUpperCase()}` === event.code) ?? null;
}
