import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { EXCERPT_MAX, UNREAD_CAP } from '../../../src/shared/contract';
import { openDatabase } from '../../../src/main/db/connection';
import { at, Chat, LEAD, ME, messageCalls } from './messaging-fixtures';
import { call as work, outboxFixture } from './outbox-support';

const waitUntil = (fn: () => void) => vi.waitFor(fn, { timeout: 3000, interval: 5 });

/** The directory and a few conversations, seen by the clerk and by the team lead. */
function world(chat: Chat) {
  chat.team('team-nord', 'Team Nord');
  chat.team('team-sued', 'Team Süd');
  chat.person(ME.id, 'Claudia Schreiber', null, 'clerk');
  chat.person('officer-huber', 'Anna Huber', 'team-sued');
  chat.person(LEAD.id, 'Georg Lindner', 'team-nord', 'team_lead');
  const direct = chat.conversation({ kind: 'direct', members: ['officer-huber', ME.id] });
  const unknown = chat.conversation({ kind: 'direct', members: [ME.id, 'officer-neu'] });
  const group = chat.conversation({
    kind: 'group',
    title: 'Innendienst',
    members: [LEAD.id, ME.id, 'officer-huber'],
    createdAt: at(30),
  });
  const channel = chat.conversation({
    kind: 'channel',
    title: 'Alle Nord',
    teamId: 'team-nord',
    members: [LEAD.id, ME.id],
  });
  const foreign = chat.conversation({ kind: 'group', title: 'Leitung', members: [LEAD.id] });
  return { direct, unknown, group, channel, foreign };
}

describe('conversations.list', () => {
  const { setup } = outboxFixture();

  it('lists my conversations by last activity, named the way a clerk knows them', async () => {
    const { db } = setup();
    const chat = new Chat(db);
    const { direct, unknown, group, channel, foreign } = world(chat);
    chat.message(unknown, 'officer-neu', 'Hallo?'); // 08:01
    chat.message(channel, LEAD.id, 'Dienstbesprechung um 10 Uhr'); // 08:02
    chat.message(direct, 'officer-huber', 'Servus'); // 08:03
    chat.message(direct, ME.id, 'Grüß Gott'); // 08:04
    chat.message(direct, 'officer-huber', '  Die Fotos\n\nsind   da.  '); // 08:05
    chat.message(foreign, LEAD.id, 'Nur für die Leitung'); // 08:06, not mine to see

    const list = await messageCalls(db)('conversations.list', {});
    // The group has no message; it was created at 08:30, after every message.
    expect(list.items.map((c) => c.id)).toEqual([group, direct, channel, unknown]);
    expect(list.items.map((c) => [c.kind, c.title, c.teamName, c.memberCount])).toEqual([
      ['group', 'Innendienst', null, 3],
      ['direct', 'Anna Huber', 'Team Süd', 2],
      ['channel', 'Alle Nord', 'Team Nord', 2],
      // Not in the directory (yet): named by id.
      ['direct', 'officer-neu', null, 2],
    ]);
    const [g, d, c, u] = list.items;
    expect(g).toMatchObject({ otherUserId: null, lastMessage: null, activeAt: at(30), unread: 0 });
    expect(d).toMatchObject({
      otherUserId: 'officer-huber',
      canPost: true,
      unread: 1,
      activeAt: at(5),
      lastMessage: { senderName: 'Anna Huber', mine: false, excerpt: 'Die Fotos sind da.' },
    });
    expect(c).toMatchObject({ otherUserId: null, canPost: false, unread: 1 });
    expect(u).toMatchObject({ otherUserId: 'officer-neu', unread: 1 });
    expect(list.unreadTotal).toBe(3);
  });

  it('lets team leads post in channels, clerks only read them', async () => {
    const db = openDatabase(':memory:');
    const { channel, group } = world(new Chat(db));
    const canPost = async (reader: typeof ME) =>
      Object.fromEntries(
        (await messageCalls(db, reader)('conversations.list', {})).items.map((c) => [
          c.id,
          c.canPost,
        ]),
      );
    expect(await canPost(ME)).toMatchObject({ [channel]: false, [group]: true });
    expect(await canPost(LEAD)).toMatchObject({ [channel]: true, [group]: true });
    expect(await canPost({ id: LEAD.id, role: 'admin' })).toMatchObject({ [channel]: true });
    db.close();
  });

  it('counts unread messages after the newest I read or wrote', async () => {
    const { db, impl, service, server } = setup();
    const chat = new Chat(db);
    const { direct } = world(chat);
    const list = messageCalls(db);
    const unread = async () =>
      (await list('conversations.list', {})).items.find((c) => c.id === direct)?.unread;
    const first = chat.message(direct, 'officer-huber', 'Eins');
    const second = chat.message(direct, 'officer-huber', 'Zwei');
    chat.message(direct, 'officer-huber', 'Drei');
    expect(await unread()).toBe(3);

    // Reading the second leaves the third unread; the first does not come back.
    await work(impl, 'messages.mark', { messageId: second.id, state: 'read' });
    expect(await unread()).toBe(1);
    // Delivered is not read.
    chat.receipt(chat.message(direct, 'officer-huber', 'Vier').id, ME.id, 'delivered');
    expect(await unread()).toBe(2);
    // Reading an older one changes nothing.
    await work(impl, 'messages.mark', { messageId: first.id, state: 'read' });
    expect(await unread()).toBe(2);

    // A reply (pending in the outbox, and once the server has it) means I have seen them all.
    server.hold();
    await work(impl, 'messages.send', { conversationId: direct, body: 'Danke, erledigt' });
    expect(await unread()).toBe(0);
    service.start();
    server.release();
    await waitUntil(() => expect(server.applied).toHaveLength(3));
    expect(await unread()).toBe(0);
    // A later message from them is unread again (the reply was stamped with the real clock).
    const later = new Date(Date.now() + 60_000).toISOString();
    chat.message(direct, 'officer-huber', 'Noch was', { sentAt: later });
    expect(await unread()).toBe(1);
  });

  it('marks the messages on screen read in one go, skipping my own and those already read', async () => {
    const { db, impl } = setup();
    const chat = new Chat(db);
    const { direct } = world(chat);
    const list = messageCalls(db);
    const unread = async () =>
      (await list('conversations.list', {})).items.find((c) => c.id === direct)?.unread;
    const first = chat.message(direct, 'officer-huber', 'Eins');
    const mine = chat.message(direct, ME.id, 'Meine Frage');
    const second = chat.message(direct, 'officer-huber', 'Zwei');
    const third = chat.message(direct, 'officer-huber', 'Drei');
    await work(impl, 'messages.mark', { messageId: second.id, state: 'read' });
    expect(await unread()).toBe(1);

    const { items } = await work(impl, 'messages.markMany', {
      messageIds: [first.id, mine.id, second.id, third.id, randomUUID()],
      state: 'read',
    });
    // One receipt each for the two not yet read; mine, the read one and an unknown id skipped.
    expect(items.map((item) => item.messageId).sort()).toEqual([first.id, third.id].sort());
    expect(items.every((item) => item.kind === 'receipt' && item.state === 'pending')).toBe(true);
    expect(await unread()).toBe(0);
  });

  it('stops counting at the cap, in each conversation and in the total', async () => {
    const db = openDatabase(':memory:');
    const chat = new Chat(db);
    const { direct, channel } = world(chat);
    const backlog = Array.from({ length: UNREAD_CAP + 200 }, (_, i) =>
      chat.messageRecord(channel, LEAD.id, `Rundschreiben ${i}`),
    );
    chat.messages(backlog);
    chat.message(direct, 'officer-huber', 'Hallo');
    const list = await messageCalls(db)('conversations.list', {});
    expect(list.items.map((c) => [c.title, c.unread])).toEqual([
      ['Anna Huber', 1],
      ['Alle Nord', UNREAD_CAP],
      ['Innendienst', 0],
      ['officer-neu', 0],
    ]);
    expect(list.unreadTotal).toBe(UNREAD_CAP + 1);
    // The team lead wrote them all: nothing unread for him.
    const lead = await messageCalls(db, LEAD)('conversations.list', {});
    expect(lead.items.find((c) => c.id === channel)?.unread).toBe(0);
    db.close();
  });

  it('cuts a long last message to an excerpt', async () => {
    const db = openDatabase(':memory:');
    const chat = new Chat(db);
    const { direct } = world(chat);
    chat.message(direct, ME.id, 'Wort, '.repeat(60));
    const { items } = await messageCalls(db)('conversations.list', {});
    const item = items.find((c) => c.id === direct);
    expect(item?.lastMessage).toMatchObject({ mine: true, senderName: 'Claudia Schreiber' });
    const excerpt = item?.lastMessage?.excerpt ?? '';
    expect(excerpt).toHaveLength(EXCERPT_MAX + 1);
    expect(excerpt).toBe(`${'Wort, '.repeat(26)}Wort…`);
    db.close();
  });

  it('answers empty before the first login, and for a user in no conversation', async () => {
    const db = openDatabase(':memory:');
    world(new Chat(db));
    expect(await messageCalls(db, null)('conversations.list', {})).toEqual({
      items: [],
      unreadTotal: 0,
    });
    expect(
      await messageCalls(db, { id: 'clerk-new', role: 'clerk' })('conversations.list', {}),
    ).toEqual({ items: [], unreadTotal: 0 });
    await expect(messageCalls(db)('conversations.list', { all: true })).rejects.toThrow();
    // A membership whose conversation has not arrived is no conversation yet.
    db.prepare(
      `INSERT INTO members (conversation_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)`,
    ).run(randomUUID(), 'clerk-new', at(0));
    expect(
      (await messageCalls(db, { id: 'clerk-new', role: 'clerk' })('conversations.list', {})).items,
    ).toEqual([]);
    db.close();
  });
});
