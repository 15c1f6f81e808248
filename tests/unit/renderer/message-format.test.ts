import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary, MessageView, OwnDelivery } from '../../../src/shared/contract';
import { areaForKey } from '../../../src/renderer/components/areas';
import {
  checkDraft,
  deliveryLabel,
  lastMessagePrefix,
  openingIndex,
  owesReceipt,
} from '../../../src/renderer/features/messages/message-format';

function delivery(overrides: Partial<OwnDelivery>): OwnDelivery {
  return { state: 'applied', recipients: 1, delivered: 0, read: 0, acknowledged: 0, ...overrides };
}

function message(overrides: Partial<MessageView>): MessageView {
  return {
    id: randomUUID(),
    senderId: 'officer-1',
    senderName: 'Anna Berger',
    mine: false,
    body: 'Foto folgt',
    sentAt: '2026-11-27T09:00:00.000Z',
    priority: 'normal',
    ackRequested: false,
    case: null,
    photoSha256s: [],
    replyTo: null,
    delivery: null,
    myReceipt: { read: false, acknowledged: false },
    ...overrides,
  };
}

describe('deliveryLabel', () => {
  it('says pending while the message is in the outbox or on its way', () => {
    expect(deliveryLabel(delivery({ state: 'pending' }), false)).toEqual({ key: 'pending' });
    expect(deliveryLabel(delivery({ state: 'pushing', delivered: 1 }), false)).toEqual({
      key: 'pending',
    });
  });

  it('says when the server refused it, whatever receipts say', () => {
    expect(deliveryLabel(delivery({ state: 'rejected' }), false)).toEqual({ key: 'rejected' });
    expect(deliveryLabel(delivery({ state: 'conflict' }), false)).toEqual({ key: 'conflict' });
  });

  it('follows the one recipient of a direct message: sent, delivered, read, acknowledged', () => {
    expect(deliveryLabel(delivery({}), false).key).toBe('sent');
    expect(deliveryLabel(delivery({ delivered: 1 }), false).key).toBe('delivered');
    expect(deliveryLabel(delivery({ delivered: 1, read: 1 }), false).key).toBe('read');
    expect(deliveryLabel(delivery({ delivered: 1, read: 1, acknowledged: 1 }), true).key).toBe(
      'acknowledged',
    );
  });

  it('counts a group: readers, or acknowledgements when they were asked for', () => {
    expect(deliveryLabel(delivery({ recipients: 5, delivered: 4, read: 3 }), false)).toEqual({
      key: 'groupRead',
      count: 3,
      total: 5,
    });
    expect(
      deliveryLabel(
        delivery({ recipients: 180, delivered: 170, read: 150, acknowledged: 142 }),
        true,
      ),
    ).toEqual({ key: 'groupAcknowledged', count: 142, total: 180 });
    expect(deliveryLabel(delivery({ recipients: 5, delivered: 2 }), false).key).toBe('delivered');
    expect(deliveryLabel(delivery({ recipients: 5 }), false).key).toBe('sent');
  });
});

describe('owesReceipt', () => {
  it('owes a read receipt for an unread message from someone else', () => {
    expect(owesReceipt(message({}))).toEqual({ read: true, acknowledge: false });
  });

  it('owes an acknowledgement until given, when one was asked for', () => {
    expect(owesReceipt(message({ ackRequested: true })).acknowledge).toBe(true);
    expect(
      owesReceipt(message({ ackRequested: true, myReceipt: { read: true, acknowledged: true } })),
    ).toEqual({ read: false, acknowledge: false });
  });

  it('owes nothing for the clerk’s own messages', () => {
    expect(owesReceipt(message({ mine: true, myReceipt: null, ackRequested: true }))).toEqual({
      read: false,
      acknowledge: false,
    });
  });
});

describe('lastMessagePrefix', () => {
  const conversation = (kind: ConversationSummary['kind'], mine: boolean): ConversationSummary => ({
    id: randomUUID(),
    kind,
    title: kind === 'direct' ? 'Anna Berger' : 'Team Nord',
    otherUserId: null,
    teamId: null,
    teamName: null,
    memberCount: 3,
    canPost: true,
    unread: 0,
    lastMessage: {
      id: randomUUID(),
      senderName: 'Anna Berger',
      mine,
      excerpt: 'Foto folgt',
      sentAt: '2026-11-27T09:00:00.000Z',
    },
    activeAt: '2026-11-27T09:00:00.000Z',
  });

  it('names the clerk as "Sie" for their own last message', () => {
    expect(lastMessagePrefix(conversation('direct', true), 'Sie')).toBe('Sie');
  });

  it('names the sender in a group, not in a direct conversation (the title does)', () => {
    expect(lastMessagePrefix(conversation('group', false), 'Sie')).toBe('Anna Berger');
    expect(lastMessagePrefix(conversation('direct', false), 'Sie')).toBeNull();
  });
});

describe('checkDraft', () => {
  it('does not send an empty or blank message', () => {
    expect(checkDraft('   \n ').sendable).toBe(false);
  });

  it('counts trimmed characters against the limit and shows the counter near it', () => {
    expect(checkDraft(' abc ', 10)).toEqual({
      length: 3,
      sendable: true,
      tooLong: false,
      showCounter: false,
    });
    expect(checkDraft('123456789', 10).showCounter).toBe(true);
    expect(checkDraft('12345678901', 10)).toMatchObject({ sendable: false, tooLong: true });
  });
});

describe('openingIndex', () => {
  it('opens at the newest message, or at a searched message within the conversation', () => {
    expect(openingIndex(0, null)).toBeNull();
    expect(openingIndex(100_000, null)).toBe(99_999);
    expect(openingIndex(100, 42)).toBe(42);
    expect(openingIndex(100, 150)).toBe(99);
  });
});

describe('areaForKey', () => {
  const key = (
    code: string,
    mods: Partial<Record<'altKey' | 'ctrlKey' | 'shiftKey', boolean>>,
  ) => ({
    code,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...mods,
  });

  it('switches with Alt+A and Alt+N by key position', () => {
    expect(areaForKey(key('KeyA', { altKey: true }))).toBe('queue');
    expect(areaForKey(key('KeyN', { altKey: true }))).toBe('messages');
  });

  it('ignores the keys without Alt or with other modifiers (AltGr is Ctrl+Alt on Windows)', () => {
    expect(areaForKey(key('KeyN', {}))).toBeNull();
    expect(areaForKey(key('KeyN', { altKey: true, ctrlKey: true }))).toBeNull();
    expect(areaForKey(key('KeyN', { altKey: true, shiftKey: true }))).toBeNull();
    expect(areaForKey(key('KeyX', { altKey: true }))).toBeNull();
  });
});
