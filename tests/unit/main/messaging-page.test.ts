import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../../src/shared/contract';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { aCase, Feed } from './case-queue-fixtures';
import { Chat, LEAD, ME, messageCalls, orderedIds, type MessageCall } from './messaging-fixtures';
import { call as work, outboxFixture } from './outbox-support';

const waitUntil = (fn: () => void) => vi.waitFor(fn, { timeout: 3000, interval: 5 });
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('messages.page over a long conversation', () => {
  // 5,301 messages, three at a time sharing a second: the id orders those.
  const TOTAL = 5301;
  let db: Db;
  let call: MessageCall;
  let conversation: string;
  let straight: string[];
  beforeAll(() => {
    db = openDatabase(':memory:');
    const chat = new Chat(db);
    conversation = chat.conversation({ kind: 'group', title: 'Lang', members: [LEAD.id, ME.id] });
    const base = Date.UTC(2026, 9, 1);
    chat.messages(
      Array.from({ length: TOTAL }, (_, i) =>
        chat.messageRecord(conversation, i % 7 === 0 ? ME.id : LEAD.id, `Nachricht ${i}`, {
          sentAt: new Date(base + Math.floor(i / 3) * 1000).toISOString(),
        }),
      ),
    );
    // Another conversation around it, which no page may show.
    const other = chat.conversation({ kind: 'group', title: 'Andere', members: [ME.id] });
    chat.message(other, ME.id, 'Woanders', { sentAt: new Date(base + 5000).toISOString() });
    straight = orderedIds(db, conversation);
    call = messageCalls(db);
  });
  afterAll(() => db.close());

  const ids = async (offset: number, limit: number) => {
    const page = await call('messages.page', { conversationId: conversation, offset, limit });
    expect(page).toMatchObject({ total: TOTAL, offset });
    return page.items.map((m) => m.id);
  };

  it.each([
    ['the start', 0, 50],
    ['just before the middle', 2600, 50],
    ['across the middle', 2630, 60],
    ['just after the middle', 2651, 50],
    ['the end (opening the conversation)', TOTAL - 50, 50],
    ['past the end', TOTAL - 3, 50],
    ['one message', TOTAL - 1, 1],
    ['nothing, beyond the end', TOTAL + 10, 50],
  ])('gives %s as a straight ordered read does', async (_, offset, limit) => {
    expect(await ids(offset, limit)).toEqual(straight.slice(offset, offset + limit));
  });

  it('pages through the whole conversation from either end', async () => {
    const forward: string[] = [];
    for (let offset = 0; offset < TOTAL; offset += 200) forward.push(...(await ids(offset, 200)));
    expect(forward).toEqual(straight);
    const backward: string[] = [];
    for (let end = TOTAL; end > 0; end -= 170) {
      const offset = Math.max(0, end - 170);
      backward.unshift(...(await ids(offset, end - offset)));
    }
    expect(backward).toEqual(straight);
  });

  it('opens at the tail: the length and the last page on the page grid in one call', async () => {
    const page = await call('messages.page', {
      conversationId: conversation,
      offset: 0,
      limit: 50,
      tail: true,
    });
    // 5,301 messages: the last page of 50 starts at 5,300 and holds one message.
    expect(page).toMatchObject({ total: TOTAL, offset: 5300 });
    expect(page.items.map((m) => m.id)).toEqual(straight.slice(5300));
    const even = await call('messages.page', {
      conversationId: conversation,
      offset: 0,
      limit: 3,
      tail: true,
    });
    expect(even.offset).toBe(5298);
    expect(even.items.map((m) => m.id)).toEqual(straight.slice(5298));
  });

  it('answers the length alone with the smallest page', async () => {
    const page = await call('messages.page', { conversationId: conversation, offset: 0, limit: 1 });
    expect(page.total).toBe(TOTAL);
    expect(page.items.map((m) => m.id)).toEqual([straight[0]]);
  });
});

describe('messages.page: what each message shows', () => {
  const { setup } = outboxFixture();

  function world(db: Db) {
    const chat = new Chat(db);
    chat.person(ME.id, 'Claudia Schreiber', null, 'clerk');
    chat.person('officer-huber', 'Anna Huber', 'team-sued');
    chat.person(LEAD.id, 'Georg Lindner', null, 'team_lead');
    const group = chat.conversation({
      kind: 'group',
      title: 'Innendienst',
      members: [LEAD.id, ME.id, 'officer-huber'],
    });
    return { chat, group };
  }

  it('shows sender, case, photos and the quoted message', async () => {
    const { db } = setup();
    const { chat, group } = world(db);
    const kase = aCase({ plate: 'M-QX 4711', fileNumber: 'VW-2026-0004711' });
    new Feed(db).upsert('case', kase);
    const missingCase = randomUUID();
    const question = chat.message(group, 'officer-huber', 'Ist das Foto scharf genug?', {
      caseId: kase.id,
      photoSha256s: [sha('a'), sha('b')],
      priority: 'high',
      ackRequested: true,
    });
    chat.message(group, 'officer-neu', 'Ja.\n\nPasst.', {
      replyToId: question.id,
      caseId: missingCase,
    });
    chat.message(group, LEAD.id, 'Siehe oben', { replyToId: randomUUID() });

    const page = await messageCalls(db)('messages.page', {
      conversationId: group,
      offset: 0,
      limit: 10,
    });
    expect(page.total).toBe(3);
    expect(page.items).toEqual([
      {
        id: question.id,
        senderId: 'officer-huber',
        senderName: 'Anna Huber',
        mine: false,
        body: 'Ist das Foto scharf genug?',
        sentAt: question.sentAt,
        priority: 'high',
        ackRequested: true,
        case: { id: kase.id, fileNumber: 'VW-2026-0004711', plate: 'M-QX 4711' },
        photoSha256s: [sha('a'), sha('b')],
        replyTo: null,
        delivery: null,
        myReceipt: { read: false, acknowledged: false },
      },
      expect.objectContaining({
        senderName: 'officer-neu',
        body: 'Ja.\n\nPasst.',
        case: { id: missingCase, fileNumber: null, plate: null },
        photoSha256s: [],
        replyTo: {
          id: question.id,
          senderName: 'Anna Huber',
          excerpt: 'Ist das Foto scharf genug?',
        },
      }),
      // The quoted message is not in this console's copy: no quote.
      expect.objectContaining({ senderName: 'Georg Lindner', replyTo: null }),
    ]);
  });

  it('follows my message from the outbox to the others reading it', async () => {
    const { db, impl, service, server } = setup();
    const { chat, group } = world(db);
    const incoming = chat.message(group, 'officer-huber', 'Bitte bestätigen', {
      ackRequested: true,
    });
    const call = messageCalls(db);
    const view = async (id: string) =>
      (await call('messages.page', { conversationId: group, offset: 0, limit: 50 })).items.find(
        (m) => m.id === id,
      );

    server.hold();
    const sent = await work(impl, 'messages.send', {
      conversationId: group,
      body: 'Alle bitte lesen',
      ackRequested: true,
    });
    const id = sent.messageId ?? '';
    expect(await view(id)).toMatchObject({
      mine: true,
      senderName: 'Claudia Schreiber',
      myReceipt: null,
      delivery: { state: 'pending', recipients: 2, delivered: 0, read: 0, acknowledged: 0 },
    });
    service.start();
    await waitUntil(() => expect(server.inFlight).toBe(1));
    expect((await view(id))?.delivery?.state).toBe('pushing');
    server.release();
    await waitUntil(async () => expect((await view(id))?.delivery?.state).toBe('applied'));

    // The feed brings the others' receipts; mine on my own message does not count.
    chat.receipt(id, 'officer-huber', 'delivered');
    chat.receipt(id, LEAD.id, 'acknowledged');
    chat.receipt(id, ME.id, 'read');
    expect((await view(id))?.delivery).toEqual({
      state: 'applied',
      recipients: 2,
      delivered: 2,
      read: 1,
      acknowledged: 1,
    });
    chat.receipt(id, 'officer-huber', 'read');
    expect((await view(id))?.delivery).toMatchObject({ delivered: 2, read: 2, acknowledged: 1 });

    // My own receipts on others' messages.
    await work(impl, 'messages.mark', { messageId: incoming.id, state: 'read' });
    expect((await view(incoming.id))?.myReceipt).toEqual({ read: true, acknowledged: false });
    await work(impl, 'messages.mark', { messageId: incoming.id, state: 'acknowledged' });
    expect((await view(incoming.id))?.myReceipt).toEqual({ read: true, acknowledged: true });
  });

  it('shows a message the server refused as rejected', async () => {
    const { db, impl, service, server } = setup();
    const { group } = world(db);
    server.answer = () => ({
      status: 'rejected',
      code: 'forbidden',
      reason: 'Not a member',
      field: 'conversationId',
    });
    const sent = await work(impl, 'messages.send', { conversationId: group, body: 'Hallo' });
    service.start();
    const call = messageCalls(db);
    await waitUntil(async () => {
      const page = await call('messages.page', { conversationId: group, offset: 0, limit: 5 });
      expect(page.items.find((m) => m.id === sent.messageId)?.delivery?.state).toBe('rejected');
    });
  });

  it('refuses a conversation I am not in, or that is not there', async () => {
    const { db } = setup();
    const chat = new Chat(db);
    const foreign = chat.conversation({ kind: 'group', title: 'Leitung', members: [LEAD.id] });
    chat.message(foreign, LEAD.id, 'Vertraulich');
    const call = messageCalls(db);
    for (const conversationId of [foreign, randomUUID()]) {
      const failure = call('messages.page', { conversationId, offset: 0, limit: 10 });
      await expect(failure).rejects.toBeInstanceOf(ContractError);
      await expect(failure).rejects.toMatchObject({ code: 'not_found' });
    }
    // The lead sees it; before the first login nobody does, and nothing throws.
    const lead = await messageCalls(db, LEAD)('messages.page', {
      conversationId: foreign,
      offset: 0,
      limit: 10,
    });
    expect(lead.items.map((m) => m.body)).toEqual(['Vertraulich']);
    expect(
      await messageCalls(db, null)('messages.page', {
        conversationId: foreign,
        offset: 0,
        limit: 10,
      }),
    ).toEqual({ total: 0, offset: 0, items: [] });
    // Bad input is the contract's to refuse.
    await expect(
      call('messages.page', { conversationId: foreign, offset: -1, limit: 10 }),
    ).rejects.toThrow();
  });
});
