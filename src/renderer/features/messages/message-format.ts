import type { ConversationSummary, MessageView, OwnDelivery } from '../../../shared/contract';
import { MESSAGE_BODY_MAX } from '../../../shared/domain/conversation';

/** How one of the clerk's messages stands, as the line under it says it. */
export type DeliveryLabel =
  | { key: 'pending' | 'rejected' | 'conflict' | 'sent' | 'delivered' | 'read' | 'acknowledged' }
  | { key: 'groupRead' | 'groupAcknowledged'; count: number; total: number };

/**
 * The outbox first (not yet at the server, or refused), then the others' receipts. In a direct
 * conversation the one recipient's furthest state; in a group the share that read it, or, when an
 * acknowledgement was asked for, the share that acknowledged it.
 */
export function deliveryLabel(delivery: OwnDelivery, ackRequested: boolean): DeliveryLabel {
  if (delivery.state === 'pending' || delivery.state === 'pushing') return { key: 'pending' };
  if (delivery.state === 'rejected' || delivery.state === 'conflict') {
    return { key: delivery.state };
  }
  const { recipients: total, delivered, read, acknowledged } = delivery;
  if (total > 1) {
    if (ackRequested) return { key: 'groupAcknowledged', count: acknowledged, total };
    if (read > 0) return { key: 'groupRead', count: read, total };
  } else {
    if (acknowledged > 0) return { key: 'acknowledged' };
    if (read > 0) return { key: 'read' };
  }
  return { key: delivered > 0 ? 'delivered' : 'sent' };
}

/** Whether the clerk still owes this message a read receipt or an acknowledgement. */
export function owesReceipt(message: MessageView): { read: boolean; acknowledge: boolean } {
  const receipt = message.myReceipt;
  if (message.mine || !receipt) return { read: false, acknowledge: false };
  return { read: !receipt.read, acknowledge: message.ackRequested && !receipt.acknowledged };
}

/** Who wrote the list entry's last message, when the entry should say it. */
export function lastMessagePrefix(conversation: ConversationSummary, you: string): string | null {
  const last = conversation.lastMessage;
  if (!last) return null;
  if (last.mine) return you;
  // In a direct conversation the title already names the sender.
  return conversation.kind === 'direct' ? null : last.senderName;
}

export interface ComposerCheck {
  /** Characters as the server counts them, after trimming. */
  length: number;
  sendable: boolean;
  tooLong: boolean;
  /** Show the counter once the text nears the limit. */
  showCounter: boolean;
}

export function checkDraft(body: string, max = MESSAGE_BODY_MAX): ComposerCheck {
  const length = body.trim().length;
  const tooLong = length > max;
  return { length, tooLong, sendable: length > 0 && !tooLong, showCounter: length > max * 0.8 };
}

/**
 * Where a conversation opens: the newest message at the bottom, or a searched-for message in the
 * middle of the view.
 */
export function openingIndex(count: number, target: number | null): number | null {
  if (count === 0) return null;
  if (target !== null) return Math.min(Math.max(target, 0), count - 1);
  return count - 1;
}
