import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../../src/shared/contract';
import type { DispatchRecord } from '../../../src/shared/domain/dispatch';
import type { User } from '../../../src/shared/domain/user';
import type { Db } from '../../../src/main/db/connection';
import { Chat } from './messaging-fixtures';
import {
  call,
  CLERK,
  FakeServer,
  fakeSession,
  outboxStates,
  startOutbox,
  tempDb,
} from './outbox-support';

const LEAD: User = {
  id: 'demo-lead',
  username: 'demo.lead',
  displayName: 'Einsatzleitung (Demo)',
  role: 'team_lead',
};

const waitUntil = (fn: () => void) => vi.waitFor(fn, { timeout: 3000, interval: 5 });

/** The lead's dispatches as stored, without the columns a test does not look at. */
const dispatches = (db: Db) =>
  db
    .prepare('SELECT id, status, send_at, sent_at, sync_gen FROM dispatches ORDER BY created_at')
    .all() as {
    id: string;
    status: string;
    send_at: string | null;
    sent_at: string | null;
    sync_gen: number | null;
  }[];

describe('dispatches through the outbox', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  /** A console logged in as `user`, with team Nord's channel, a group and an officer. */
  function setup(user: User = LEAD, server = new FakeServer()) {
    const file = tempDb();
    const db = file.open();
    const outbox = startOutbox(db, server, fakeSession(user));
    cleanup.push(
      file.remove,
      () => db.close(),
      () => outbox.service.stop(),
    );
    const chat = new Chat(db);
    chat.team('team-nord', 'Außendienst Nord');
    chat.person('officer-01', 'Maria Huber', 'team-nord');
    chat.person(LEAD.id, 'Georg Lindner', 'team-nord', 'team_lead');
    const channel = chat.conversation({
      kind: 'channel',
      title: 'Außendienst Nord',
      teamId: 'team-nord',
      members: [LEAD.id, CLERK.id, 'officer-01'],
    });
    const group = chat.conversation({
      kind: 'group',
      title: 'Nachtschicht',
      members: [LEAD.id, 'officer-01'],
    });
    return { ...outbox, db, server, chat, channel, group };
  }

  const input = (channel: string, extra: Record<string, unknown> = {}) => ({
    targets: { teamIds: ['team-nord'], conversationIds: [channel], userIds: ['officer-01'] },
    body: 'Sperrung Leopoldstraße ab 14 Uhr, bitte bestätigen.',
    priority: 'urgent' as const,
    ackRequested: true,
    ...extra,
  });

  it("shows a lead's dispatch at once as sent, pushes it, and takes the server's row from the feed", async () => {
    const { db, impl, service, server, chat, group, changes } = setup();
    const item = await call(impl, 'dispatch.send', input(group, { remindAfterMinutes: 30 }));
    expect(item).toMatchObject({ kind: 'dispatch', state: 'pending', caseId: null });
    expect(item.mutation).toMatchObject({
      id: item.id,
      kind: 'dispatch',
      priority: 'urgent',
      ackRequested: true,
      remindAfterMinutes: 30,
      targets: { teamIds: ['team-nord'], conversationIds: [group], userIds: ['officer-01'] },
    });
    const [local] = dispatches(db);
    expect(local).toMatchObject({ id: item.id, status: 'sent', send_at: null, sync_gen: null });
    expect(local?.sent_at).not.toBeNull();
    expect(changes[0]).toEqual({ entities: ['outbox', 'messages'] });

    service.start();
    await waitUntil(() => expect(outboxStates(db)[item.id]).toBe('applied'));
    expect(server.batches.flat().map((m) => m.kind)).toEqual(['dispatch']);

    const confirmed: DispatchRecord = {
      id: item.id,
      senderId: LEAD.id,
      body: 'Sperrung Leopoldstraße ab 14 Uhr, bitte bestätigen.',
      priority: 'urgent',
      ackRequested: true,
      targets: { teamIds: ['team-nord'], conversationIds: [group], userIds: ['officer-01'] },
      sendAt: null,
      status: 'sent',
      sentAt: '2026-11-20T10:00:00.000Z',
      remindAfterMinutes: 30,
      remindedAt: null,
      createdAt: '2026-11-20T10:00:00.000Z',
    };
    chat.feed.upsert('dispatch', confirmed);
    expect(dispatches(db)).toEqual([
      {
        id: item.id,
        status: 'sent',
        send_at: null,
        sent_at: '2026-11-20T10:00:00.000Z',
        sync_gen: 0,
      },
    ]);
  });

  it('shows a dispatch with sendAt ahead as scheduled, and a cancel as cancelled at once', async () => {
    const { db, impl, channel } = setup();
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const item = await call(impl, 'dispatch.send', input(channel, { sendAt }));
    expect(dispatches(db)).toMatchObject([
      { id: item.id, status: 'scheduled', send_at: sendAt, sent_at: null },
    ]);
    const cancel = await call(impl, 'dispatch.cancel', { dispatchId: item.id });
    expect(cancel).toMatchObject({ kind: 'dispatch_cancel', state: 'pending' });
    expect(cancel.mutation).toMatchObject({ kind: 'dispatch_cancel', dispatchId: item.id });
    expect(dispatches(db)[0]?.status).toBe('cancelled');
    // Cancelled already: a second cancel has nothing to call off.
    await expect(call(impl, 'dispatch.cancel', { dispatchId: item.id })).rejects.toThrow(
      /cancelled/,
    );
    // A time already past sends at once.
    const late = await call(
      impl,
      'dispatch.send',
      input(channel, { sendAt: new Date(Date.now() - 60_000).toISOString() }),
    );
    expect(dispatches(db).find((d) => d.id === late.id)?.status).toBe('sent');
    await expect(call(impl, 'dispatch.cancel', { dispatchId: late.id })).rejects.toThrow(
      /only a scheduled one/,
    );
  });

  it("refuses a clerk's dispatch as forbidden, before anything is stored", async () => {
    const { db, impl, channel } = setup(CLERK);
    const attempt = call(impl, 'dispatch.send', input(channel));
    await expect(attempt).rejects.toBeInstanceOf(ContractError);
    await expect(attempt).rejects.toMatchObject({ code: 'forbidden' });
    expect(outboxStates(db)).toEqual({});
    expect(dispatches(db)).toEqual([]);
  });

  it('refuses targets the server would refuse, and writes nothing', async () => {
    const { db, impl, chat, channel } = setup();
    const elsewhere = chat.conversation({ kind: 'group', title: 'Süd', members: ['officer-01'] });
    type Targets = { teamIds: string[]; conversationIds: string[]; userIds: string[] };
    const cases: [Targets, RegExp][] = [
      [{ teamIds: ['team-sued'], conversationIds: [], userIds: [] }, /no channel of yours/],
      [{ teamIds: [], conversationIds: [elsewhere], userIds: [] }, /No conversation/],
      [{ teamIds: [], conversationIds: [], userIds: ['officer-99'] }, /No person/],
      [{ teamIds: [], conversationIds: [], userIds: [LEAD.id] }, /not for its sender/],
    ];
    for (const [targets, message] of cases) {
      await expect(call(impl, 'dispatch.send', { ...input(channel), targets })).rejects.toThrow(
        message,
      );
    }
    const farAhead = new Date(Date.now() + 40 * 86_400_000).toISOString();
    await expect(call(impl, 'dispatch.send', input(channel, { sendAt: farAhead }))).rejects.toThrow(
      /30 days/,
    );
    // The schema's rules: a target at all, and a reminder only when urgent with acknowledgement.
    expect(() =>
      call(impl, 'dispatch.send', {
        ...input(channel),
        targets: { teamIds: [], conversationIds: [], userIds: [] },
      }),
    ).toThrow(/at least one/);
    expect(() =>
      call(impl, 'dispatch.send', {
        ...input(channel),
        priority: 'high',
        remindAfterMinutes: 30,
      }),
    ).toThrow(/urgent/);
    expect(outboxStates(db)).toEqual({});
    expect(dispatches(db)).toEqual([]);
  });

  it('takes back a rejected dispatch, sends it again as a new one, and forgets a discarded one', async () => {
    const server = new FakeServer();
    server.answer = (m) =>
      m.kind === 'dispatch'
        ? { status: 'rejected', code: 'not_found', reason: 'No channel', field: 'targets' }
        : { status: 'applied', repeated: false, record: null };
    const { db, impl, service, channel } = setup(LEAD, server);
    const item = await call(impl, 'dispatch.send', input(channel));
    expect(dispatches(db)).toHaveLength(1);
    service.start();
    await waitUntil(() => expect(outboxStates(db)[item.id]).toBe('rejected'));
    // Nothing of it exists at the server: the local row goes, the entry keeps the whole dispatch.
    expect(dispatches(db)).toEqual([]);

    const again = await call(impl, 'outbox.retry', { id: item.id });
    expect(again.id).not.toBe(item.id);
    expect(again.mutation).toMatchObject({ kind: 'dispatch', body: input(channel).body });
    expect(dispatches(db).map((d) => d.id)).toEqual([again.id]);
    await waitUntil(() => expect(outboxStates(db)[again.id]).toBe('rejected'));
    await call(impl, 'outbox.discard', { id: again.id });
    expect(outboxStates(db)).toEqual({});
    expect(dispatches(db)).toEqual([]);
  });

  it('puts a scheduled dispatch back when the server refuses its cancel (already sent)', async () => {
    const server = new FakeServer();
    server.answer = (m) =>
      m.kind === 'dispatch_cancel'
        ? { status: 'rejected', code: 'dispatch_sent', reason: 'sent', field: 'dispatchId' }
        : { status: 'applied', repeated: false, record: null };
    const { db, impl, service, channel } = setup(LEAD, server);
    const sendAt = new Date(Date.now() + 600_000).toISOString();
    const item = await call(impl, 'dispatch.send', input(channel, { sendAt }));
    const cancel = await call(impl, 'dispatch.cancel', { dispatchId: item.id });
    expect(dispatches(db)[0]?.status).toBe('cancelled');
    service.start();
    await waitUntil(() => expect(outboxStates(db)[cancel.id]).toBe('rejected'));
    expect(outboxStates(db)[item.id]).toBe('applied');
    expect(dispatches(db)[0]?.status).toBe('scheduled');
  });

  it("refuses to cancel someone else's dispatch or one it does not know", async () => {
    const { impl, chat } = setup();
    const theirs = randomUUID();
    chat.feed.upsert('dispatch', {
      id: theirs,
      senderId: 'lead-2',
      body: 'Andere Leitung',
      priority: 'normal',
      ackRequested: false,
      targets: { teamIds: ['team-nord'], conversationIds: [], userIds: [] },
      sendAt: '2026-12-01T08:00:00.000Z',
      status: 'scheduled',
      sentAt: null,
      remindAfterMinutes: null,
      remindedAt: null,
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    for (const dispatchId of [theirs, randomUUID()]) {
      await expect(call(impl, 'dispatch.cancel', { dispatchId })).rejects.toThrow(/of yours/);
    }
  });
});
