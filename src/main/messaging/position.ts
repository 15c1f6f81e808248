import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

const TOTAL_SQL = 'SELECT count(*) FROM messages WHERE conversation_id = ?';
/** Counting stops at the limit: only the nearer end of the conversation is counted in full. */
const AFTER_SQL = `SELECT count(*) FROM (SELECT 1 FROM messages
  WHERE conversation_id = ? AND (sent_at, id) > (?, ?) LIMIT ?)`;
const BEFORE_SQL = `SELECT count(*) FROM messages
  WHERE conversation_id = ? AND (sent_at, id) < (?, ?)`;

export interface Placed {
  conversationId: string;
  sentAt: string;
  id: string;
}

/**
 * Positions of messages in their conversations (as messages.page counts them: messages before it
 * by time, then id), each counted from the nearer end along `messages_conversation`: a search
 * hit is usually recent, and counting the 99,990 messages before it would take milliseconds
 * each. Conversation lengths are counted once per call.
 */
export function positioner(db: Db): (message: Placed) => number {
  const totals = new Map<string, number>();
  return ({ conversationId, sentAt, id }) => {
    let total = totals.get(conversationId);
    if (total === undefined) {
      total = prepared(db, TOTAL_SQL).pluck().get(conversationId) as number;
      totals.set(conversationId, total);
    }
    const half = Math.ceil(total / 2);
    const after = prepared(db, AFTER_SQL).pluck().get(conversationId, sentAt, id, half) as number;
    if (after < half) return Math.max(0, total - 1 - after);
    return prepared(db, BEFORE_SQL).pluck().get(conversationId, sentAt, id) as number;
  };
}
