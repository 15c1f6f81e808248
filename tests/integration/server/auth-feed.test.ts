import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRecordSchema } from '../../../src/shared/domain/case';
import { DEMO_USERS } from '../../../src/server/index';
import { availableTargets } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import { apiError, feedUrl, login, readFeedPage, readWholeFeed, tokenFor } from './support/client';

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

  it('refuses the feed to an officer with 403 and admits team lead and admin', async () => {
    const officer = await fetch(feedUrl(url, {}), {
      headers: { authorization: `Bearer ${await tokenFor(url, 'officer.huber')}` },
    });
    expect(officer.status).toBe(403);
    expect((await apiError(officer)).code).toBe('forbidden');
    for (const username of ['demo.lead', 'demo.admin']) {
      const page = await readFeedPage(url, await tokenFor(url, username), 0, 1);
      expect(page.changes).toHaveLength(1);
    }
  });

  it('pages through every seeded case exactly once', async () => {
    const { changes, cursor, pages } = await readWholeFeed(url, clerkToken, 0, 25);
    expect(pages).toBe(Math.ceil(SEEDED_CASES / 25));
    const ids = changes.map((change) => (change.op === 'upsert' ? change.data.id : change.id));
    expect(new Set(ids).size).toBe(SEEDED_CASES);
    expect(ids).toHaveLength(SEEDED_CASES);
    const cursors = changes.map((change) => change.cursor);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(cursor).toBe(cursors[cursors.length - 1]);

    const records = changes.map((change) => {
      if (change.op !== 'upsert') throw new Error('seed produced a delete');
      return caseRecordSchema.parse(change.data);
    });
    const disputed = records.filter((record) => record.status === 'disputed');
    expect(disputed.length).toBeGreaterThan(SEEDED_CASES * 0.05);
    expect(disputed.length).toBeLessThan(SEEDED_CASES * 0.3);
    expect(disputed.every((record) => record.version === 2)).toBe(true);
    expect(new Set(records.map((record) => record.district)).size).toBeGreaterThan(15);
    expect(records.every((record) => /^VW-\d{4}-\d{7}$/.test(record.fileNumber))).toBe(true);
    expect(records.every((record) => /^[A-Z]{1,3}-[A-Z]{1,2} \d{1,4}$/.test(record.plate))).toBe(
      true,
    );
  });

  it('ends each page with the last cursor, or the asked cursor when empty', async () => {
    const first = await readFeedPage(url, clerkToken, 0, 10);
    expect(first.changes).toHaveLength(10);
    expect(first.end).toEqual({ kind: 'end', cursor: first.changes[9]?.cursor, hasMore: true });

    const whole = await readWholeFeed(url, clerkToken);
    const beyond = await readFeedPage(url, clerkToken, whole.cursor, 10);
    expect(beyond.changes).toEqual([]);
    expect(beyond.end).toEqual({ kind: 'end', cursor: whole.cursor, hasMore: false });

    const exact = await readFeedPage(url, clerkToken, 0, SEEDED_CASES);
    expect(exact.end.hasMore).toBe(false);
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
});
