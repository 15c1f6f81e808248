import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRecordSchema } from '../../../src/shared/domain/case';
import type { FeedChange } from '../../../src/shared/sync/feed';
import { DEMO_USERS } from '../../../src/server/index';
import { availableTargets } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import {
  apiError,
  feedUrl,
  login,
  newCase,
  postCase,
  readFeedPage,
  readWholeFeed,
  tokenFor,
} from './support/client';
import { changesOf, rowKey, upsertsOf } from './support/feed-entities';
import { newDispute, postDispute } from './support/mutations';

const SEEDED_CASES = 120;

describe.each(await availableTargets())('auth and feed on $name', (target) => {
  let t: TestServer;
  let url: string;
  let clerkToken: string;

  beforeAll(async () => {
    t = await startTestServer(target, SEEDED_CASES);
    url = t.server.url;
    clerkToken = await tokenFor(url, 'demo.clerk');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers the health check', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('logs in every demo user with the demo password', async () => {
    for (const demo of DEMO_USERS) {
      const session = await login(url, demo.username, demo.password);
      expect(session.user).toMatchObject({ username: demo.username, role: demo.role });
      const minutesLeft = (Date.parse(session.expiresAt) - Date.now()) / 60_000;
      expect(minutesLeft).toBeGreaterThan(14.5);
      expect(minutesLeft).toBeLessThanOrEqual(15.1);
      const hoursLeft = (Date.parse(session.refreshExpiresAt) - Date.now()) / 3_600_000;
      expect(hoursLeft).toBeGreaterThan(11.9);
      expect(hoursLeft).toBeLessThanOrEqual(12.01);
    }
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const attempt = (username: string, password: string) =>
      fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    const wrong = await attempt('demo.clerk', 'not-demo');
    const unknown = await attempt('nobody.here', 'demo');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await apiError(wrong)).toEqual(await apiError(unknown));
  });

  it('refuses a login body without a password, naming the field', async () => {
    const response = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo.clerk' }),
    });
    expect(response.status).toBe(400);
    expect((await apiError(response)).field).toBe('password');
  });

  it('requires a valid token for the feed', async () => {
    const none = await fetch(feedUrl(url, {}));
    expect(none.status).toBe(401);
    expect((await apiError(none)).code).toBe('unauthorized');
    const bogus = await fetch(feedUrl(url, {}), {
      headers: { authorization: 'Bearer not-a-real-token-at-all' },
    });
    expect(bogus.status).toBe(401);
  });

  it('admits team lead and admin to the feed', async () => {
    for (const username of ['demo.lead', 'demo.admin']) {
      const page = await readFeedPage(url, await tokenFor(url, username), 0, 1);
      expect(page.changes).toHaveLength(1);
      expect(page.end.hasMore).toBe(true);
    }
  });

  // Runs before the tests below that write: it counts exactly what the seed put on the feed.
  it('pages through every seeded case exactly once', async () => {
    const { changes, cursor, pages } = await readWholeFeed(url, clerkToken, 0, 25);
    // Every page but the last is full.
    expect(pages).toBe(Math.ceil(changes.length / 25));
    // No row comes twice, whatever its entity.
    const keys = changes.map(rowKey);
    expect(new Set(keys).size).toBe(keys.length);
    const cursors = changes.map((change) => change.cursor);
    expect(cursors).toEqual([...new Set(cursors)].sort((a, b) => a - b));
    // The last page is short, so it ends at the feed's head: at or past the clerk's last row,
    // and where the team lead (who sees every seeded row) ends too.
    expect(cursor).toBeGreaterThanOrEqual(cursors[cursors.length - 1] ?? 0);
    expect(cursor).toBe((await readWholeFeed(url, await tokenFor(url, 'demo.lead'))).cursor);

    const caseChanges = changesOf(changes, 'case');
    expect(caseChanges.every((change) => change.op === 'upsert')).toBe(true);
    const records = upsertsOf(changes, 'case').map((record) => caseRecordSchema.parse(record));
    const ids = records.map((record) => record.id);
    expect(ids).toHaveLength(SEEDED_CASES);
    expect(new Set(ids).size).toBe(SEEDED_CASES);

    const disputed = records.filter((record) => record.status === 'disputed');
    expect(disputed.length).toBeGreaterThan(SEEDED_CASES * 0.05);
    expect(disputed.length).toBeLessThan(SEEDED_CASES * 0.3);
    expect(disputed.every((record) => record.version === 2)).toBe(true);
    expect(
      records.every((record) => record.status === 'disputed' || record.status === 'open'),
    ).toBe(true);
    expect(new Set(records.map((record) => record.district)).size).toBeGreaterThan(15);
    expect(records.every((record) => /^VW-\d{4}-\d{7}$/.test(record.fileNumber))).toBe(true);
    expect(records.every((record) => /^[A-Z]{1,3}-[A-Z]{1,2} \d{1,4}$/.test(record.plate))).toBe(
      true,
    );

    // The trail and the disputes the seed wrote alongside: one `recorded` event per case, one
    // dispute and one `disputed` event per disputed case.
    const events = upsertsOf(changes, 'case_event');
    const recorded = events.filter((event) => event.kind === 'recorded');
    expect(recorded.map((event) => event.caseId).sort()).toEqual([...ids].sort());
    const disputedIds = disputed.map((record) => record.id).sort();
    expect(
      upsertsOf(changes, 'dispute')
        .map((dispute) => dispute.caseId)
        .sort(),
    ).toEqual(disputedIds);
    expect(
      events
        .filter((event) => event.kind === 'disputed')
        .map((event) => event.caseId)
        .sort(),
    ).toEqual(disputedIds);
    expect(events).toHaveLength(recorded.length + disputedIds.length);
  });

  it('ends each page with the last cursor, or the asked cursor when empty', async () => {
    const first = await readFeedPage(url, clerkToken, 0, 10);
    expect(first.changes).toHaveLength(10);
    expect(first.end).toEqual({
      kind: 'end',
      cursor: first.changes[9]?.cursor,
      hasMore: true,
      epoch: expect.any(String),
    });

    const whole = await readWholeFeed(url, clerkToken);
    const beyond = await readFeedPage(url, clerkToken, whole.cursor, 10);
    expect(beyond.changes).toEqual([]);
    expect(beyond.end).toEqual({
      kind: 'end',
      cursor: whole.cursor,
      hasMore: false,
      epoch: expect.any(String),
    });
    // A cursor past the head is kept: an end line never moves a client backwards.
    const ahead = await readFeedPage(url, clerkToken, whole.cursor + 1000, 10);
    expect(ahead.changes).toEqual([]);
    expect(ahead.end).toEqual({
      kind: 'end',
      cursor: whole.cursor + 1000,
      hasMore: false,
      epoch: expect.any(String),
    });

    const total = whole.changes.length;
    const exact = await readFeedPage(url, clerkToken, 0, total);
    expect(exact.changes).toEqual(whole.changes);
    // A full page ends at its last row; nothing follows it.
    expect(exact.end).toEqual({
      kind: 'end',
      cursor: whole.changes[total - 1]?.cursor,
      hasMore: false,
      epoch: whole.epoch,
    });
    const oneShort = await readFeedPage(url, clerkToken, 0, total - 1);
    expect(oneShort.end).toEqual({
      kind: 'end',
      cursor: whole.changes[total - 2]?.cursor,
      hasMore: true,
      epoch: whole.epoch,
    });
  });

  it('shows every viewer the directory, and only the conversations they are members of', async () => {
    const clerk = await readWholeFeed(url, clerkToken);
    const lead = await readWholeFeed(url, await tokenFor(url, 'demo.lead'));
    const officer = await readWholeFeed(url, await tokenFor(url, 'officer.huber'));
    const views = [
      { userId: 'demo-clerk', changes: clerk.changes },
      { userId: 'demo-lead', changes: lead.changes },
      { userId: 'officer-01', changes: officer.changes },
    ];
    const directory = (changes: FeedChange[]) =>
      (['team', 'person', 'offence'] as const).map((entity) =>
        changesOf(changes, entity).map(rowKey).sort(),
      );
    const [teams, people, offences] = directory(lead.changes);
    expect(teams).toHaveLength(4);
    expect(people?.length).toBeGreaterThan(100);
    expect(offences?.length).toBeGreaterThan(5);
    for (const view of views) {
      expect(directory(view.changes), view.userId).toEqual([teams, people, offences]);
      const members = upsertsOf(view.changes, 'member');
      const mine = new Set(
        members.filter((m) => m.userId === view.userId).map((m) => m.conversationId),
      );
      const conversations = upsertsOf(view.changes, 'conversation');
      expect(conversations.length, view.userId).toBeGreaterThan(0);
      expect(
        conversations.every((c) => mine.has(c.id)),
        view.userId,
      ).toBe(true);
      // Member rows come only for conversations the viewer is in.
      expect(members.every((m) => mine.has(m.conversationId))).toBe(true);
    }
    // The lead owns all five seeded channels; the clerk is only in the all-hands one; an
    // officer is in their team's channel and the all-hands one.
    expect(upsertsOf(lead.changes, 'conversation')).toHaveLength(5);
    expect(upsertsOf(clerk.changes, 'conversation').map((c) => c.teamId)).toEqual([null]);
    expect(
      upsertsOf(officer.changes, 'conversation')
        .map((c) => c.teamId)
        .sort(),
    ).toEqual(['team-nord', null].sort());
  });

  it.each([
    ['limit=abc', 'limit'],
    ['limit=999999', 'limit'],
    ['limit=0', 'limit'],
    ['cursor=-1', 'cursor'],
    ['cursor=1.5', 'cursor'],
  ])('refuses the query %s with a 400 naming %s', async (query, field) => {
    const response = await fetch(`${url}/sync/feed?${query}`, {
      headers: { authorization: `Bearer ${clerkToken}` },
    });
    expect(response.status).toBe(400);
    const error = await apiError(response);
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe(field);
  });

  // The tests below write; they come last so the counts above see only the seed.
  it("gives an officer a feed of only their own cases, without the office's records", async () => {
    const huber = await tokenFor(url, 'officer.huber');
    const bauer = await tokenFor(url, 'officer.bauer');
    const own = newCase();
    expect((await postCase(url, huber, own)).status).toBe(201);
    const foreign = newCase();
    expect((await postCase(url, bauer, foreign)).status).toBe(201);

    const office = await readWholeFeed(url, clerkToken);
    const officer = await readWholeFeed(url, huber, 0, 50);
    const cases = upsertsOf(officer.changes, 'case');
    expect(cases.length).toBeGreaterThanOrEqual(1);
    expect(cases.map((record) => record.id)).toContain(own.id);
    expect(cases.every((record) => record.officerId === 'officer-01')).toBe(true);
    // Exactly their own: every one of them the office sees, and nobody else's.
    const officeCases = upsertsOf(office.changes, 'case');
    const theirs = officeCases.filter((record) => record.officerId === 'officer-01');
    expect(cases.map((record) => record.id).sort()).toEqual(
      theirs.map((record) => record.id).sort(),
    );
    const others = officeCases.filter((record) => record.officerId !== 'officer-01');
    expect(others.map((record) => record.id)).toContain(foreign.id);
    const seenIds = new Set(cases.map((record) => record.id));
    expect(others.filter((record) => seenIds.has(record.id))).toEqual([]);

    // The office's own records stay in the office, also for the officer's own cases.
    for (const entity of ['dispute', 'decision', 'case_event', 'claim'] as const) {
      expect(changesOf(officer.changes, entity), entity).toEqual([]);
      if (entity === 'case_event' || entity === 'dispute') {
        expect(changesOf(office.changes, entity).length, entity).toBeGreaterThan(0);
      }
    }
    const allowed = new Set(['case', 'photo', 'team', 'person', 'offence', 'conversation']);
    allowed.add('member').add('message').add('receipt');
    expect(officer.changes.filter((change) => !allowed.has(change.entity))).toEqual([]);
    // The officer's last page ends at the same head as the clerk's.
    expect(officer.cursor).toBe(office.cursor);
  });

  it("ends an officer's page at the head, past office rows they may not see", async () => {
    const huber = await tokenFor(url, 'officer.huber');
    const own = newCase();
    const created = await postCase(url, huber, own);
    expect(created.status).toBe(201);
    const start = await readWholeFeed(url, huber);

    // A dispute on the officer's own case writes a dispute, the case (now disputed) and a trail
    // entry in one transaction; the officer may see only the case.
    const response = await postDispute(url, clerkToken, newDispute(own.id));
    expect(response.status).toBe(201);
    const office = await readFeedPage(url, clerkToken, start.cursor, 100);
    expect(office.changes.map((change) => change.entity).sort()).toEqual(
      ['case', 'case_event', 'dispute'].sort(),
    );
    const head = office.end.cursor;

    const page = await readFeedPage(url, huber, start.cursor, 100);
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({
      entity: 'case',
      op: 'upsert',
      data: { id: own.id, status: 'disputed', version: 2, officerId: 'officer-01' },
    });
    expect(page.changes[0]?.cursor).toBeLessThan(head);
    expect(page.end).toEqual({
      kind: 'end',
      cursor: head,
      hasMore: false,
      epoch: expect.any(String),
    });

    // A dispute on another officer's case moves the head past rows this officer never sees.
    const foreign = newCase();
    expect((await postCase(url, await tokenFor(url, 'officer.bauer'), foreign)).status).toBe(201);
    expect((await postDispute(url, clerkToken, newDispute(foreign.id))).status).toBe(201);
    const newHead = (await readWholeFeed(url, clerkToken, head)).cursor;
    expect(newHead).toBeGreaterThan(head);
    const nothing = await readFeedPage(url, huber, head, 100);
    expect(nothing.changes).toEqual([]);
    expect(nothing.end).toEqual({
      kind: 'end',
      cursor: newHead,
      hasMore: false,
      epoch: expect.any(String),
    });
  });
});
