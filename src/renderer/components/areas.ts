/** The console's areas: the review queue and the messages. */
export const AREAS = ['queue', 'messages'] as const;
export type Area = (typeof AREAS)[number];

/** Alt+<key> switches to an area (Alt+1…7 are the queue's views). */
export const AREA_KEYS: Record<Area, string> = { queue: 'a', messages: 'n' };

/** The area an Alt+key press asks for, if any. */
export function areaForKey(event: {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  code: string;
}): Area | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  // The key's position, not its character: Alt changes the character on some layouts.
  return AREAS.find((area) => `Key${AREA_KEYS[area].toUpperCase()}` === event.code) ?? null;
}
