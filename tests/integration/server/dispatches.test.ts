import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/server/index';
import type { DispatchRecord } from '../../../src/shared/domain/dispatch';
import type { ConversationRecord, MessageRecord } from '../../../src/shared/domain/conversation';
import type { FeedChange } from '../../../src/shared/sync/feed';
import type { MutationResult } from '../../../src/shared/sync/mutations';
import { readWholeFeed, tokenFor } from './support/client';
import { availableTargets } from './support/databases';
import { latestOf, push, pushOne } from './support/mutations';
import { startTestServer, type TestServer } from './support/server';

const MINUTE = 60_000;

/** The latest record per id, in feed order. */
function byId<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  return new Map(records.map((record) => [record.id, record]));
}

function appliedDispatch(result: MutationResult): DispatchRecord {
  if (result.status !== 'applied' || result.record?.entity !== 'dispatch') {
    throw new Error(`expected an applied dispatch, got ${JSON.stringify(result)}`);
  }
  return result.record.data as DispatchRecord;
}

describe.each(await availableTargets())('dispatches on $name', (target) => {
  let t: TestServer;
  let url: string;
  let clerk: string;
  let lead: string;
  let admin: string;
  let huber: string;
  let bauer: string;
  let nord: ConversationRecord;
  let allHands: ConversationRecord;

  beforeAll(async () => {
    // No timer: the tests run the scheduler themselves, at the times they choose.
    t = await startTestServer(target, 0, { dispatches: { intervalMs: 0 } });
    url = t.server.url;
    const tokens = await Promise.all(
      ['demo.clerk', 'demo.lead', 'demo.admin', 'officer.huber', 'officer.bauer'].map((name) =>
        tokenFor(url, name),
      ),
    );
    [clerk, lead, admin, huber, bauer] = tokens as [string, string, string, string, string];
    const channels = latestOf((await readWholeFeed(url, lead)).changes, 'conversation').filter(
      (c) => c.kind === 'channel',
    );
    const found = [channels.find((c) => c.teamId === 'team-nord'), channels.find((c) => !c.teamId)];
    if (!found[0] || !found[1]) throw new Error('seeded channels missing');
    [nord, allHands] = found as [ConversationRecord, ConversationRecord];
  });
  afterAll(async () => {
    await t?.stop();
  });

  const feedOf = async (token: string): Promise<FeedChange[]> =>
    (await readWholeFeed(url, token)).changes;
  const messagesOf = async (token: string, dispatchId: string): Promise<MessageRecord[]> =>
    [...byId(latestOf(await feedOf(token), 'message')).values()].filter(
      (m) => m.dispatchId === dispatchId,
    );
  const dispatchNow = async (id: string): Promise<DispatchRecord | undefined> =>
    byId(latestOf(await feedOf(lead), 'dispatch')).get(id);

  const dispatch = (extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    kind: 'dispatch',
    targets: { teamIds: ['team-nord'], conversationIds: [], userIds: [] },
    body: 'Großveranstaltung am Königsplatz: Zufahrten freihalten.',
    priority: 'urgent',
    ackRequested: true,
    ...extra,
  });

  it('posts one message per conversation reached, each with the dispatch, and a retry doubles nothing', async () => {
    const m = dispatch({
      // Team Nord's channel is named twice (as the team and as a conversation): one message.
      targets: {
        teamIds: ['team-nord'],
        conversationIds: [nord.id, allHands.id],
        userIds: ['officer-01'],
      },
    });
    const first = await pushOne(url, lead, m);
    expect(first).toMatchObject({ status: 'applied', repeated: false });
    const record = appliedDispatch(first);
    expect(record).toMatchObject({
      id: m.id,
      senderId: 'demo-lead',
      status: 'sent',
      sendAt: null,
      priority: 'urgent',
      ackRequested: true,
      remindAfterMinutes: null,
      remindedAt: null,
    });
    expect(record.sentAt).not.toBeNull();

    const sent = await messagesOf(lead, m.id);
    expect(sent).toHaveLength(3);
    const conversations = byId(latestOf(await feedOf(lead), 'conversation'));
    const kinds = sent.map((message) => conversations.get(message.conversationId)?.kind).sort();
    expect(kinds).toEqual(['channel', 'channel', 'direct']);
    for (const message of sent) {
      expect(message).toMatchObject({
        senderId: 'demo-lead',
        body: m.body,
        priority: 'urgent',
        ackRequested: true,
        dispatchId: m.id,
        remindedAt: null,
      });
    }
    expect(await dispatchNow(m.id)).toEqual(record);

    // Huber (team Nord) gets all three; Bauer (team Ost) the all-hands one; neither the dispatch.
    expect(await messagesOf(huber, m.id)).toHaveLength(3);
    const forBauer = await messagesOf(bauer, m.id);
    expect(forBauer.map((message) => message.conversationId)).toEqual([allHands.id]);
    for (const token of [huber, bauer, clerk, admin]) {
      expect((await feedOf(token)).some((line) => line.entity === 'dispatch')).toBe(false);
    }

    const head = (await readWholeFeed(url, lead)).cursor;
    const retry = await pushOne(url, lead, m);
    expect(retry).toMatchObject({ status: 'applied', repeated: true });
    expect(appliedDispatch(retry)).toEqual(record);
    expect((await readWholeFeed(url, lead)).cursor).toBe(head);
    expect(await messagesOf(lead, m.id)).toHaveLength(3);

    // In parallel requests too, the dispatch goes out once.
    const racing = dispatch();
    const results = await Promise.all([1, 2, 3].map(() => pushOne(url, lead, racing)));
    expect(results.filter((r) => r.status === 'applied' && !r.repeated)).toHaveLength(1);
    expect(await messagesOf(lead, racing.id)).toHaveLength(1);
  });

  it('refuses dispatches from clerks and officers as forbidden, and sends nothing', async () => {
    const ms = [dispatch(), dispatch()];
    const [fromClerk, fromOfficer] = await Promise.all([
      pushOne(url, clerk, ms[0] ?? {}),
      pushOne(url, huber, ms[1] ?? {}),
    ]);
    expect(fromClerk).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(fromOfficer).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const messages = latestOf(await feedOf(lead), 'message');
    expect(messages.some((m) => ms.some((d) => d.id === m.dispatchId))).toBe(false);
  });

  it('refuses targets that lead nowhere, and a malformed dispatch', async () => {
    const group = randomUUID();
    const opened = await pushOne(url, admin, {
      id: randomUUID(),
      kind: 'conversation',
      conversationId: group,
      type: 'group',
      title: 'Nur Admin',
      memberIds: ['officer-03'],
    });
    expect(opened.status).toBe('applied');
    const { results } = await push(url, lead, [
      dispatch({ targets: { teamIds: ['team-mond'], conversationIds: [], userIds: [] } }),
      dispatch({ targets: { teamIds: [], conversationIds: [group], userIds: [] } }),
      dispatch({ targets: { teamIds: [], conversationIds: [], userIds: ['officer-999'] } }),
      dispatch({ targets: { teamIds: [], conversationIds: [], userIds: ['demo-lead'] } }),
      dispatch({ targets: { teamIds: [], conversationIds: [], userIds: [] } }),
      dispatch({ priority: 'high', remindAfterMinutes: 30 }),
      dispatch({ remindAfterMinutes: 2 }),
      dispatch({ sendAt: new Date(Date.now() + 40 * 86_400_000).toISOString() }),
    ]);
    expect(
      results.map((r) => (r.status === 'rejected' ? `${r.code} ${r.field}` : r.status)),
    ).toEqual([
      'unknown_team targets.teamIds',
      'not_found targets.conversationIds',
      'unknown_user targets.userIds',
      'invalid_input targets.userIds',
      'invalid_input targets',
      'invalid_input remindAfterMinutes',
      'invalid_input remindAfterMinutes',
      'invalid_input sendAt',
    ]);
  });

  it('sends a scheduled dispatch when it is due and not before, once however many ticks race', async () => {
    const sendAt = new Date(Date.now() + 60 * MINUTE);
    const m = dispatch({ sendAt: sendAt.toISOString() });
    const record = appliedDispatch(await pushOne(url, lead, m));
    expect(record).toMatchObject({ status: 'scheduled', sendAt: sendAt.toISOString() });
    expect(record.sentAt).toBeNull();
    expect(await messagesOf(lead, m.id)).toEqual([]);

    expect((await t.server.runDispatches(new Date(sendAt.getTime() - MINUTE))).sent).toEqual([]);
    expect(await messagesOf(lead, m.id)).toEqual([]);
    expect((await dispatchNow(m.id))?.status).toBe('scheduled');

    const due = new Date(sendAt.getTime() + 1000);
    const ticks = await Promise.all([1, 2, 3, 4].map(() => t.server.runDispatches(due)));
    expect(ticks.flatMap((tick) => tick.sent)).toEqual([m.id]);
    const sent = await messagesOf(huber, m.id);
    expect(sent.map((message) => message.conversationId)).toEqual([nord.id]);
    const after = await dispatchNow(m.id);
    expect(after).toMatchObject({ status: 'sent', sendAt: sendAt.toISOString() });
    expect(after?.sentAt).not.toBeNull();
    expect((await t.server.runDispatches(due)).sent).toEqual([]);
  });

  it.runIf(target.name === 'postgres')(
    'sends a due dispatch once when two server processes share the database',
    async () => {
      const other = await startServer({
        databaseUrl: t.databaseUrl ?? '',
        dispatches: { intervalMs: 0 },
      });
      try {
        const sendAt = new Date(Date.now() + 60 * MINUTE);
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const m = dispatch({ sendAt: sendAt.toISOString() });
          appliedDispatch(await pushOne(url, lead, m));
          ids.push(m.id);
        }
        const due = new Date(sendAt.getTime() + 1000);
        const ticks = await Promise.all(
          [t.server, other, t.server, other].map((server) => server.runDispatches(due)),
        );
        expect(ticks.flatMap((tick) => tick.sent).sort()).toEqual([...ids].sort());
        for (const id of ids) expect(await messagesOf(lead, id)).toHaveLength(1);
      } finally {
        await other.close();
      }
    },
  );

  it('never sends a dispatch cancelled before it was due', async () => {
    const sendAt = new Date(Date.now() + 30 * MINUTE);
    const m = dispatch({ sendAt: sendAt.toISOString() });
    appliedDispatch(await pushOne(url, lead, m));
    const cancel = { id: randomUUID(), kind: 'dispatch_cancel', dispatchId: m.id };
    const cancelled = appliedDispatch(await pushOne(url, lead, cancel));
    expect(cancelled).toMatchObject({ id: m.id, status: 'cancelled', sentAt: null });
    expect(await dispatchNow(m.id)).toEqual(cancelled);

    // Cancelling again changes nothing; another user may not cancel it at all.
    const head = (await readWholeFeed(url, lead)).cursor;
    const again = await pushOne(url, lead, { ...cancel, id: randomUUID() });
    expect(appliedDispatch(again)).toEqual(cancelled);
    expect((await readWholeFeed(url, lead)).cursor).toBe(head);
    const theirs = await pushOne(url, admin, { ...cancel, id: randomUUID() });
    expect(theirs).toMatchObject({ status: 'rejected', code: 'not_found', field: 'dispatchId' });

    const later = new Date(sendAt.getTime() + 60 * MINUTE);
    expect((await t.server.runDispatches(later)).sent).not.toContain(m.id);
    expect(await messagesOf(lead, m.id)).toEqual([]);
    expect((await dispatchNow(m.id))?.status).toBe('cancelled');
  });

  it('refuses to cancel a dispatch that was sent (dispatch_sent)', async () => {
    const now = dispatch();
    appliedDispatch(await pushOne(url, lead, now));
    const sendAt = new Date(Date.now() + 10 * MINUTE);
    const scheduled = dispatch({ sendAt: sendAt.toISOString() });
    appliedDispatch(await pushOne(url, lead, scheduled));
    await t.server.runDispatches(new Date(sendAt.getTime() + 1000));

    for (const id of [now.id, scheduled.id]) {
      const cancel = await pushOne(url, lead, {
        id: randomUUID(),
        kind: 'dispatch_cancel',
        dispatchId: id,
      });
      expect(cancel).toMatchObject({ status: 'rejected', code: 'dispatch_sent' });
      expect((await dispatchNow(id))?.status).toBe('sent');
    }
  });

  it('reminds once, after remindAfterMinutes, the messages someone has not acknowledged', async () => {
    const m = dispatch({
      targets: { teamIds: ['team-nord'], conversationIds: [], userIds: ['officer-02'] },
      remindAfterMinutes: 30,
    });
    const record = appliedDispatch(await pushOne(url, lead, m));
    const sent = await messagesOf(lead, m.id);
    const inChannel = sent.find((message) => message.conversationId === nord.id);
    const direct = sent.find((message) => message.conversationId !== nord.id);
    if (!inChannel || !direct) throw new Error('expected a channel and a direct message');
    // Bauer, alone in the direct conversation, acknowledges; of team Nord only Huber does.
    for (const [token, messageId] of [
      [bauer, direct.id],
      [huber, inChannel.id],
    ] as const) {
      const ack = { id: randomUUID(), kind: 'receipt', messageId, state: 'acknowledged' };
      expect((await pushOne(url, token, ack)).status).toBe('applied');
    }

    const sentAt = Date.parse(record.sentAt ?? '');
    const early = await t.server.runDispatches(new Date(sentAt + 29 * MINUTE));
    expect(early.reminded).not.toContain(m.id);
    expect((await dispatchNow(m.id))?.remindedAt).toBeNull();

    const due = new Date(sentAt + 31 * MINUTE);
    const ticks = await Promise.all([1, 2, 3].map(() => t.server.runDispatches(due)));
    expect(ticks.flatMap((tick) => tick.reminded).filter((id) => id === m.id)).toEqual([m.id]);

    const reminded = byId(await messagesOf(huber, m.id));
    expect(reminded.get(inChannel.id)?.remindedAt).not.toBeNull();
    // Fully acknowledged: not sent round again.
    expect(byId(await messagesOf(lead, m.id)).get(direct.id)?.remindedAt).toBeNull();
    const after = await dispatchNow(m.id);
    expect(after?.remindedAt).not.toBeNull();

    // Once only.
    const head = (await readWholeFeed(url, lead)).cursor;
    const later = await t.server.runDispatches(new Date(sentAt + 120 * MINUTE));
    expect(later.reminded).not.toContain(m.id);
    expect((await readWholeFeed(url, lead)).cursor).toBe(head);
  });
});
