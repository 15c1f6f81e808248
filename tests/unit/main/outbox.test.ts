import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Mutation } from '../../../src/shared/sync/mutations';
import type { Db } from '../../../src/main/db/connection';
import { createPageApplier } from '../../../src/main/sync/apply';
import { makeCase } from '../../support/cases';
import {
  call,
  CLERK,
  FakeServer,
  fakeSession,
  insertCase,
  localCase,
  outboxStates,
  startOutbox,
  tempDb,
  outboxFixture,
} from './outbox-support';

const decideInput = (caseId: string, baseVersion = 3) => ({
  caseId,
  baseVersion,
  decision: 'uphold' as const,
  reasonCode: 'offence_proven' as const,
  text: 'Fotos belegen den Verstoß.',
});

describe('outbox', () => {
  const { cleanup, setup } = outboxFixture();

  const waitUntil = (fn: () => void) => vi.waitFor(fn, { timeout: 3000, interval: 5 });

  it('records a decision with its optimistic effect at once, then pushes it', async () => {
    const { db, impl, service, server, changes } = setup();
    const kase = insertCase(db);
    server.hold();
    service.start();

    const item = await call(impl, 'work.decide', { ...decideInput(kase.id), decision: 'withdraw' });
    expect(item).toMatchObject({ kind: 'decision', state: 'pending', caseId: kase.id });
    expect(item.mutation).toMatchObject({ kind: 'decision', baseVersion: 3, decision: 'withdraw' });
    // Shown at once; the version stays the server's, so its next row replaces this one.
    expect(localCase(db, kase.id)).toMatchObject({ status: 'withdrawn', version: 3 });
    expect(db.prepare('SELECT clerk_id FROM decisions WHERE id = ?').get(item.id)).toEqual({
      clerk_id: CLERK.id,
    });
    expect(changes[0]).toEqual({ entities: ['outbox', 'cases'] });

    await waitUntil(() => expect(outboxStates(db)[item.id]).toBe('pushing'));
    server.release();
    await waitUntil(() => expect(outboxStates(db)[item.id]).toBe('applied'));
    expect(server.applied).toEqual([item.id]);
    expect(changes.at(-1)).toEqual({ entities: ['outbox', 'cases'] });
    const [listed] = (await call(impl, 'outbox.list', { limit: 10 })).items;
    expect(listed).toMatchObject({ id: item.id, state: 'applied', repeated: false, attempts: 1 });
  });

  it('refuses locally what the server would refuse anyway, and writes nothing', async () => {
    const { db, impl } = setup();
    const kase = insertCase(db, { fineCents: 3000 });
    await expect(call(impl, 'work.decide', decideInput(kase.id, 2))).rejects.toThrow(/version 2/);
    await expect(call(impl, 'work.decide', decideInput(randomUUID()))).rejects.toThrow(/No case/);
    await expect(
      call(impl, 'work.decide', {
        ...decideInput(kase.id),
        decision: 'reduce',
        newAmountCents: 3000,
      }),
    ).rejects.toThrow(/below 3000/);
    await call(impl, 'work.decide', decideInput(kase.id));
    await expect(call(impl, 'work.decide', decideInput(kase.id))).rejects.toThrow(
      /still being sent/,
    );
    expect(Object.keys(outboxStates(db))).toHaveLength(1);
  });

  it('pushes in creation order, in batches of at most 100, one push at a time', async () => {
    const { db, impl, service, server } = setup();
    const kase = insertCase(db);
    const conversationId = randomUUID();
    db.prepare(
      `INSERT INTO conversations VALUES (?, 'group', 'Team Nord', NULL, 'demo-lead', '2026-11-20T10:00:00.000Z', 0)`,
    ).run(conversationId);
    db.prepare(`INSERT INTO members VALUES (?, ?, 'member', '2026-11-20T10:00:00.000Z', 0)`).run(
      conversationId,
      CLERK.id,
    );
    // Written before the pusher runs, as after a restart.
    const ids: string[] = [(await call(impl, 'work.claim', { caseId: kase.id })).id];
    for (let i = 0; i < 249; i++) {
      ids.push((await call(impl, 'messages.send', { conversationId, body: `Nachricht ${i}` })).id);
    }
    service.start();
    await waitUntil(() => expect(server.applied).toHaveLength(250));
    expect(server.batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(server.batches.flat().map((m) => m.id)).toEqual(ids);
    expect(server.maxInFlight).toBe(1);
    expect(new Set(Object.values(outboxStates(db)))).toEqual(new Set(['applied']));
  });

  it('keeps a rejected entry with its reason and pushes the others', async () => {
    const server = new FakeServer();
    const { db, impl, service } = setup(server);
    const cases = [insertCase(db), insertCase(db), insertCase(db)];
    const bad = cases[1]?.id;
    server.answer = (m) =>
      m.kind === 'decision' && m.caseId === bad
        ? {
            status: 'rejected',
            code: 'not_decidable',
            reason: 'The case is closed',
            field: 'caseId',
          }
        : { status: 'applied', repeated: false, record: null };
    const items = [];
    for (const c of cases) items.push(await call(impl, 'work.decide', decideInput(c.id)));
    service.start();
    await waitUntil(() =>
      expect(Object.values(outboxStates(db))).toEqual(['applied', 'rejected', 'applied']),
    );
    const { items: rejected, counts } = await call(impl, 'outbox.list', { states: ['rejected'] });
    expect(counts).toMatchObject({ applied: 2, rejected: 1, pending: 0 });
    expect(rejected[0]).toMatchObject({
      id: items[1]?.id,
      rejection: { code: 'not_decidable', reason: 'The case is closed', field: 'caseId' },
    });
    // The rejected decision no longer shows on its case; the applied ones do.
    expect(localCase(db, bad ?? '')).toMatchObject({ status: 'disputed', version: 3 });
    expect(db.prepare('SELECT count(*) AS n FROM decisions').get()).toEqual({ n: 2 });
    expect(localCase(db, cases[0]?.id ?? '').status).toBe('decided');

    // Discarding gives it up; retrying would send it as new work.
    await call(impl, 'outbox.discard', { id: items[1]?.id ?? '' });
    expect(Object.keys(outboxStates(db))).toHaveLength(2);
    await expect(call(impl, 'outbox.discard', { id: items[0]?.id ?? '' })).rejects.toThrow(
      /applied/,
    );
  });

  it('keeps both versions of a conflict, undoes the local effect, and retries on top of the server', async () => {
    const server = new FakeServer();
    const { db, impl, service } = setup(server);
    const kase = insertCase(db, { version: 3 });
    const theirs = { ...kase, status: 'awaiting_statement' as const, version: 4 };
    server.answer = (m) =>
      m.kind === 'decision' && m.baseVersion === 3
        ? {
            status: 'conflict',
            reason: 'The case changed since version 3; it is now version 4',
            current: { entity: 'case', data: theirs },
          }
        : { status: 'applied', repeated: false, record: null };
    const mine = await call(impl, 'work.decide', { ...decideInput(kase.id), decision: 'forward' });
    expect(localCase(db, kase.id).status).toBe('forwarded');
    service.start();
    await waitUntil(() => expect(outboxStates(db)[mine.id]).toBe('conflict'));

    const [item] = (await call(impl, 'outbox.list', { caseId: kase.id })).items;
    expect(item?.conflict).toMatchObject({
      reason: expect.stringMatching(/version 4/),
      local: { id: kase.id, status: 'disputed', version: 3, fineCents: kase.fineCents },
      server: { entity: 'case', data: { status: 'awaiting_statement', version: 4 } },
    });
    expect(item?.mutation).toMatchObject({ decision: 'forward', baseVersion: 3 });
    expect(localCase(db, kase.id)).toMatchObject({ status: 'disputed', version: 3 });
    expect(db.prepare('SELECT count(*) AS n FROM decisions').get()).toEqual({ n: 0 });

    // "Keep mine": the same decision as new work on the server's version.
    const again = await call(impl, 'outbox.retry', { id: mine.id });
    expect(again.id).not.toBe(mine.id);
    expect(again.mutation).toMatchObject({ decision: 'forward', baseVersion: 4 });
    await waitUntil(() => expect(outboxStates(db)[again.id]).toBe('applied'));
    expect(outboxStates(db)[mine.id]).toBeUndefined();
    // Based on a version the feed had not brought yet: shown once it arrives, until the next.
    expect(localCase(db, kase.id)).toMatchObject({ status: 'disputed', version: 3 });
    const apply = createPageApplier(db);
    apply(
      [{ kind: 'change', cursor: 1, entity: 'case', op: 'upsert', data: theirs }],
      1,
      theirs.updatedAt,
    );
    expect(localCase(db, kase.id)).toMatchObject({ status: 'forwarded', version: 4 });
    const decided = { ...theirs, status: 'forwarded' as const, version: 5 };
    apply(
      [{ kind: 'change', cursor: 2, entity: 'case', op: 'upsert', data: decided }],
      2,
      theirs.updatedAt,
    );
    expect(localCase(db, kase.id)).toMatchObject({ status: 'forwarded', version: 5 });
  });

  it('waits with backoff while offline and gets through afterwards', async () => {
    const server = new FakeServer();
    server.failures = ['offline', 'offline'];
    const { db, impl, service, changes } = setup(server);
    const kase = insertCase(db);
    service.start();
    const item = await call(impl, 'work.claim', { caseId: kase.id });
    expect(db.prepare('SELECT clerk_id FROM claims WHERE case_id = ?').get(kase.id)).toEqual({
      clerk_id: CLERK.id,
    });
    await waitUntil(() => expect(outboxStates(db)[item.id]).toBe('applied'));
    const [listed] = (await call(impl, 'outbox.list', {})).items;
    expect(listed).toMatchObject({ attempts: 3, lastError: null });
    expect(server.applied).toEqual([item.id]);
    // The clerk saw it waiting in between.
    expect(
      changes.filter((c) => c.entities.length === 1 && c.entities[0] === 'outbox').length,
    ).toBe(2);
  });

  it('recognises a retry after a lost answer: applied once, answered as repeated', async () => {
    const server = new FakeServer();
    server.failures = ['lose'];
    const { db, impl, service } = setup(server);
    const kase = insertCase(db);
    service.start();
    const item = await call(impl, 'work.decide', decideInput(kase.id));
    await waitUntil(() => expect(outboxStates(db)[item.id]).toBe('applied'));
    expect(server.batches).toHaveLength(2);
    expect(server.applied).toEqual([item.id]);
    expect((await call(impl, 'outbox.list', {})).items[0]).toMatchObject({
      repeated: true,
      attempts: 2,
    });
  });

  it('after a restart pushes what was pending or on its way, exactly once', async () => {
    const server = new FakeServer();
    const file = tempDb();
    cleanup.push(file.remove);
    let db: Db = file.open();
    const first = startOutbox(db, server);
    const kase = insertCase(db);
    const other = insertCase(db);
    // Recorded, never pushed (the console stopped first) …
    const pending = await call(first.impl, 'work.decide', decideInput(kase.id));
    // … and one that was on its way when the console died.
    const onItsWay = await call(first.impl, 'work.decide', decideInput(other.id));
    db.prepare(`UPDATE outbox SET state = 'pushing', attempts = 1 WHERE id = ?`).run(onItsWay.id);
    await first.service.stop();
    db.close();
    expect(server.batches).toHaveLength(0);

    db = file.open();
    cleanup.push(() => db.close());
    const second = startOutbox(db, server);
    cleanup.push(() => second.service.stop());
    second.service.start();
    await waitUntil(() => expect(Object.values(outboxStates(db))).toEqual(['applied', 'applied']));
    expect(server.applied).toEqual([pending.id, onItsWay.id]);
    expect(server.batches.flat().map((m: Mutation) => m.id)).toEqual([pending.id, onItsWay.id]);
    expect(localCase(db, kase.id).status).toBe('decided');
  });

  it('sets aside an entry the server fails on, so the ones behind it still go', async () => {
    const server = new FakeServer();
    const { db, impl, service } = setup(server);
    const cases = [insertCase(db), insertCase(db), insertCase(db)];
    const poison = cases[1]?.id;
    server.answer = (m) =>
      m.kind === 'decision' && m.caseId === poison
        ? 'server-error'
        : { status: 'applied', repeated: false, record: null };
    const items = [];
    for (const c of cases) items.push(await call(impl, 'work.decide', decideInput(c.id)));
    service.start();
    await waitUntil(() =>
      expect(Object.values(outboxStates(db))).toEqual(['applied', 'rejected', 'applied']),
    );
    const rejected = (await call(impl, 'outbox.list', { states: ['rejected'] })).items[0];
    expect(rejected?.rejection?.code).toBe('server_error');
    expect(localCase(db, poison ?? '').status).toBe('disputed');
    expect(server.applied.sort()).toEqual([items[0]?.id, items[2]?.id].sort());
  });

  it('keeps a pending decision on its case when the feed replays the version it was based on', async () => {
    const { db, impl } = setup();
    const kase = makeCase({ status: 'disputed', version: 3 });
    const apply = createPageApplier(db);
    apply(
      [{ kind: 'change', cursor: 1, entity: 'case', op: 'upsert', data: kase }],
      1,
      kase.updatedAt,
    );
    await call(impl, 'work.decide', {
      ...decideInput(kase.id),
      decision: 'reduce',
      newAmountCents: 1000,
    });
    expect(localCase(db, kase.id)).toEqual({ status: 'decided', fine_cents: 1000, version: 3 });

    apply(
      [{ kind: 'change', cursor: 2, entity: 'case', op: 'upsert', data: kase }],
      2,
      kase.updatedAt,
    );
    expect(localCase(db, kase.id)).toEqual({ status: 'decided', fine_cents: 1000, version: 3 });

    // The server's next version wins, whatever it says.
    const next = { ...kase, status: 'withdrawn' as const, version: 4 };
    apply(
      [{ kind: 'change', cursor: 3, entity: 'case', op: 'upsert', data: next }],
      3,
      kase.updatedAt,
    );
    expect(localCase(db, kase.id)).toEqual({
      status: 'withdrawn',
      fine_cents: kase.fineCents,
      version: 4,
    });
  });

  it('opens a direct conversation before the first message, and follows the server to an existing one', async () => {
    const server = new FakeServer();
    const { db, impl, service } = setup(server);
    db.prepare(`INSERT INTO people VALUES ('officer-01', 'Huber', 'officer', NULL, 0)`).run();
    const existing = randomUUID();
    server.answer = (m) =>
      m.kind === 'conversation'
        ? {
            status: 'applied',
            repeated: false,
            record: { entity: 'conversation', data: { id: existing } },
          }
        : { status: 'applied', repeated: false, record: null };
    const sent = await call(impl, 'messages.send', {
      toUserId: 'officer-01',
      body: 'Bitte Stellungnahme',
    });
    const placeholder = sent.conversationId;
    expect(db.prepare('SELECT conversation_id FROM messages WHERE id = ?').get(sent.id)).toEqual({
      conversation_id: placeholder,
    });
    // A second message finds the (placeholder) conversation instead of opening another.
    const second = await call(impl, 'messages.send', { toUserId: 'officer-01', body: 'Danke' });
    expect(second.conversationId).toBe(placeholder);

    service.start();
    await waitUntil(() => expect(server.applied).toHaveLength(3));
    // The conversation went alone, the messages after it with the server's conversation id.
    expect(server.batches.map((b) => b.map((m) => m.kind))).toEqual([
      ['conversation'],
      ['message', 'message'],
    ]);
    expect(server.batches[1]?.map((m) => (m as { conversationId: string }).conversationId)).toEqual(
      [existing, existing],
    );
    expect(db.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT DISTINCT conversation_id AS c FROM messages').all()).toEqual([
      { c: existing },
    ]);
  });

  it('marks receipts once, and keeps a rejected message until the clerk discards it', async () => {
    const server = new FakeServer();
    const { db, impl, service } = setup(server);
    const conversationId = randomUUID();
    const incoming = randomUUID();
    db.prepare(
      `INSERT INTO conversations VALUES (?, 'direct', '', NULL, 'officer-01', '2026-11-20T10:00:00.000Z', 0)`,
    ).run(conversationId);
    for (const user of [CLERK.id, 'officer-01']) {
      db.prepare(`INSERT INTO members VALUES (?, ?, 'member', '2026-11-20T10:00:00.000Z', 0)`).run(
        conversationId,
        user,
      );
    }
    db.prepare(
      `INSERT INTO messages (id, conversation_id, sender_id, body, case_id, photo_sha256s,
         reply_to_id, priority, ack_requested, sent_at, sync_gen)
       VALUES (?, ?, 'officer-01', 'Erledigt', NULL, '[]', NULL, 'normal', 0,
         '2026-11-20T10:01:00.000Z', 0)`,
    ).run(incoming, conversationId);

    const read = await call(impl, 'messages.mark', { messageId: incoming, state: 'read' });
    expect(read).toMatchObject({ kind: 'receipt', messageId: incoming, conversationId });
    expect(
      await call(impl, 'messages.mark', { messageId: incoming, state: 'delivered' }),
    ).toBeNull();
    await expect(
      call(impl, 'messages.mark', { messageId: incoming, state: 'acknowledged' }),
    ).rejects.toThrow(/no acknowledgement/);

    server.answer = (m) =>
      m.kind === 'message'
        ? {
            status: 'rejected',
            code: 'not_found',
            reason: 'No such conversation',
            field: 'conversationId',
          }
        : { status: 'applied', repeated: false, record: null };
    const reply = await call(impl, 'messages.send', {
      conversationId,
      body: 'Danke!',
      replyToId: incoming,
    });
    service.start();
    await waitUntil(() => expect(outboxStates(db)[reply.id]).toBe('rejected'));
    expect(db.prepare('SELECT body FROM messages WHERE id = ?').get(reply.id)).toEqual({
      body: 'Danke!',
    });
    await call(impl, 'outbox.discard', { id: reply.id });
    expect(db.prepare('SELECT body FROM messages WHERE id = ?').get(reply.id)).toBeUndefined();
  });

  it('keeps the logged-in user, so work can be recorded while offline later', async () => {
    const file = tempDb();
    cleanup.push(file.remove);
    const db = file.open();
    cleanup.push(() => db.close());
    const kase = insertCase(db);
    const online = startOutbox(db, new FakeServer());
    online.service.start();
    await online.service.stop();

    const offline = startOutbox(db, new FakeServer(), {
      ...fakeSession(null),
      accessToken: () => Promise.reject(new Error('Server not reachable')),
    });
    const item = await call(offline.impl, 'work.claim', { caseId: kase.id });
    expect(db.prepare('SELECT clerk_id FROM claims').get()).toEqual({ clerk_id: CLERK.id });
    expect(item.state).toBe('pending');

    db.prepare('DELETE FROM console_user').run();
    await expect(call(offline.impl, 'work.release', { caseId: kase.id })).rejects.toThrow(
      /Not logged in/,
    );
  });
});
