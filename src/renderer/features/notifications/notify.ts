import type { Arrival } from '../../../shared/contract';

/** More arrivals than this at once become one summary notice instead of a stack of them. */
export const SINGLE_NOTICES_MAX = 3;

export interface NoticeContext {
  doNotDisturb: boolean;
  /** The conversation the user is looking at right now (window focused, messages shown). */
  watching: string | null;
}

/**
 * Direct messages and urgent ones (a team lead's urgent dispatch) earn a desktop notice; the rest
 * waits in the unread counts. Never while "do not disturb" is on, nor for the conversation the
 * user is reading.
 */
export function worthNotice(arrival: Arrival, context: NoticeContext): boolean {
  if (context.doNotDisturb || arrival.conversationId === context.watching) return false;
  return arrival.conversationKind === 'direct' || arrival.priority === 'urgent';
}

export type Notice =
  | { kind: 'single'; arrival: Arrival; urgent: boolean }
  | { kind: 'summary'; count: number; conversations: number; conversationId: string | null };

/** What to show for a batch of arrivals, in the order they came. */
export function noticesFor(arrivals: readonly Arrival[], context: NoticeContext): Notice[] {
  const worth = arrivals.filter((arrival) => worthNotice(arrival, context));
  if (worth.length <= SINGLE_NOTICES_MAX) {
    return worth.map((arrival) => ({
      kind: 'single',
      arrival,
      urgent: arrival.priority === 'urgent',
    }));
  }
  const conversations = new Set(worth.map((arrival) => arrival.conversationId));
  return [
    {
      kind: 'summary',
      count: worth.length,
      conversations: conversations.size,
      // One conversation: the click opens it; several: the messages area.
      conversationId: conversations.size === 1 ? (worth[0]?.conversationId ?? null) : null,
    },
  ];
}
