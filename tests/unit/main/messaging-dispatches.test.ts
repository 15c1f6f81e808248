import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../src/shared/contract';
import type { DispatchRecord } from '../../../src/shared/domain/dispatch';
import { openDatabase } from '../../../src/main/db/connection';
import { dispatchDetail, listDispatches } from '../../../src/main/messaging/dispatches';
import { at, Chat, LEAD, ME } from './messaging-fixtures';

/** A lead's urgent dispatch to team Nord's channel and one officer, as the feed brings it. */
function setup() {
  const db = openDatabase(':memory:');
  const chat = new Chat(db);
  chat.team('team-nord', 'Außendienst Nord');
  chat.person(LEAD.id, 'Georg Lindner', null, 'team_lead');
  chat.person('o1', 'Anna Berger', 'team-nord');
  chat.person('o2', 'Bernd Huber', 'team-nord');
  chat.person('o3', 'Cem Yilmaz', 'team-sued');
  const channel = chat.conversation({
    kind: 'channel',
    title: 'Außendienst Nord',
    teamId: 'team-nord',
    members: [LEAD.id, 'o1', 'o2'],
  });
  const direct = chat.conversation({ kind: 'direct', members: [LEAD.id, 'o3'] });
  const record: DispatchRecord = {
    id: randomUUID(),
    senderId: LEAD.id,
    body: 'Großveranstaltung am Königsplatz: Zufahrten freihalten.',
    priority: 'urgent',
    ackRequested: true,
    targets: { teamIds: ['team-nord'], conversationIds: [], userIds: ['o3'] },
    sendAt: null,
    status: 'sent',
    sentAt: at(5),
    remindAfterMinutes: 30,
    remindedAt: null,
    createdAt: at(5),
  };
  chat.feed.upsert('dispatch', record);
  const inChannel = chat.message(channel, LEAD.id, record.body, {
    priority: 'urgent',
    ackRequested: true,
    dispatchId: record.id,
  });
  const inDirect = chat.message(direct, LEAD.id, record.body, {
    priority: 'urgent',
    ackRequested: true,
    dispatchId: record.id,
  });
  return { db, chat, record, inChannel, inDirect };
}

describe('dispatch.list and dispatch.get', () => {
  it('counts every recipient once, and a later receipt as the earlier ones too', () => {
    const { db, chat, record, inChannel, inDirect } = setup();
    expect(listDispatches(db, LEAD).items[0]?.counts).toEqual({
      recipients: 3,
      delivered: 0,
      read: 0,
      acknowledged: 0,
    });
    chat.receipt(inChannel.id, 'o1', 'delivered');
    chat.receipt(inChannel.id, 'o2', 'acknowledged');
    chat.receipt(inDirect.id, 'o3', 'read');
    const [summary] = listDispatches(db, LEAD).items;
    expect(summary).toMatchObject({
      id: record.id,
      priority: 'urgent',
      ackRequested: true,
      status: 'sent',
      pending: false,
      targets: ['Außendienst Nord', 'Cem Yilmaz'],
      counts: { recipients: 3, delivered: 3, read: 2, acknowledged: 1 },
    });

    const detail = dispatchDetail(db, record.id, LEAD);
    expect(detail.body).toBe(record.body);
    expect(
      detail.recipients.map((r) => [
        r.name,
        r.teamName,
        !!r.deliveredAt,
        !!r.readAt,
        !!r.acknowledgedAt,
      ]),
    ).toEqual([
      ['Anna Berger', 'Außendienst Nord', true, false, false],
      ['Bernd Huber', 'Außendienst Nord', true, true, true],
      ['Cem Yilmaz', null, true, true, false],
    ]);
  });

  it('shows a lead only their own dispatches; others get not_found', () => {
    const { db, record } = setup();
    expect(listDispatches(db, ME).items).toEqual([]);
    expect(listDispatches(db, null).items).toEqual([]);
    expect(() => dispatchDetail(db, record.id, ME)).toThrow(ContractError);
    expect(() => dispatchDetail(db, randomUUID(), LEAD)).toThrow(/No dispatch/);
  });

  it('lists a scheduled dispatch with no recipients yet, newest first', () => {
    const { db, chat } = setup();
    const later: DispatchRecord = {
      id: randomUUID(),
      senderId: LEAD.id,
      body: 'Morgen 7 Uhr Einsatzbesprechung',
      priority: 'normal',
      ackRequested: false,
      targets: { teamIds: [], conversationIds: [], userIds: ['o9'] },
      sendAt: at(600),
      status: 'scheduled',
      sentAt: null,
      remindAfterMinutes: null,
      remindedAt: null,
      createdAt: at(10),
    };
    chat.feed.upsert('dispatch', later);
    const items = listDispatches(db, LEAD).items;
    expect(items.map((d) => d.id)[0]).toBe(later.id);
    expect(items[0]).toMatchObject({
      status: 'scheduled',
      targets: ['o9'],
      counts: { recipients: 0, delivered: 0, read: 0, acknowledged: 0 },
    });
  });
});
