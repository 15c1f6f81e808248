import type { Audience } from './types';

/** Directory rows (teams, people, catalogue): every logged-in user may read them. */
export const EVERYONE: Audience = { scope: 'all' };

/** The office's own records (disputes, decisions, claims, the audit trail). */
export const OFFICE: Audience = { scope: 'office' };

/** A case and its photos: the office, and the officer who recorded it. */
export function caseAudience(officerId: string): Audience {
  return { scope: 'office', users: [officerId] };
}

/** Conversations, members and messages: only the members. */
export function conversationAudience(conversationId: string): Audience {
  return { scope: 'listed', conversationId };
}

/** A receipt: the message's sender and the member it belongs to, not the whole channel. */
export function receiptAudience(senderId: string, memberId: string): Audience {
  return { scope: 'listed', users: senderId === memberId ? [senderId] : [senderId, memberId] };
}

/** A dispatch: its sender alone (recipients see its messages, each in its conversation). */
export function dispatchAudience(senderId: string): Audience {
  return { scope: 'listed', users: [senderId] };
}
