import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRecordSchema } from '../../../src/shared/domain/case';
import { availableTargets } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import {
  apiError,
  newCase,
  postCase,
  readFeedPage,
  readWholeFeed,
  tokenFor,
} from './support/client';
import { changesOf, entityKey, upsertsOf } from './support/feed-entities';

describe.each(await availableTargets())('field cases on $name', (target) => {
  let t: TestServer;
  let url: string;
  let clerk: string;
  let officer: string;

  beforeAll(async () => {
    t = await startTestServer(target, 20);
    url = t.server.url;
    clerk = await tokenFor(url, 'demo.clerk');
    officer = await tokenFor(url, 'officer.huber');
  });
  afterAll(async () => {
    await t?.stop();
  });

  const feedCursor = async () => (await readWholeFeed(url, clerk)).cursor;

  it('stores a new case with server-assigned fields and puts it on the feed', async () => {
    const before = await feedCursor();
    const input = newCase({ offenceCode: 'P105' });
    const response = await postCase(url, officer, input);
    expect(response.status).toBe(201);
    const stored = caseRecordSchema.parse(await response.json());
    expect(stored).toMatchObject({
      id: input.id,
      plate: input.plate,
      offenceCode: 'P105',
      offenceText: 'Parken auf dem Gehweg',
      fineCents: 5500,
      officerId: 'officer-01',
      status: 'open',
      version: 1,
    });
    expect(stored.fileNumber).toMatch(/^VW-\d{4}-\d{7}$/);
    expect(Date.parse(stored.observedAt)).toBe(Date.parse(input.observedAt));

    // The case and the first entry of its trail, nothing else.
    const page = await readFeedPage(url, clerk, before, 100);
    expect(page.changes.map((change) => change.entity)).toEqual(['case', 'case_event']);
    const [change, event] = page.changes;
    expect(change?.cursor).toBeGreaterThan(before);
    expect(change).toMatchObject({ entity: 'case', op: 'upsert', data: stored });
    expect(event).toMatchObject({
      entity: 'case_event',
      op: 'upsert',
      data: { caseId: stored.id, kind: 'recorded', actorId: 'officer-01' },
    });
    expect(page.end).toEqual({
      kind: 'end',
      cursor: event?.cursor,
      hasMore: false,
      epoch: expect.any(String),
    });
  });

  it('applies the same case id once: the repeat returns the stored case and appends nothing', async () => {
    const input = newCase();
    const first = await postCase(url, officer, input);
    expect(first.status).toBe(201);
    const stored = await first.json();
    const afterFirst = await feedCursor();

    const again = await postCase(url, officer, { ...input, plate: 'M-XX 9999' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(stored);
    expect(await feedCursor()).toBe(afterFirst);

    const parallel = await Promise.all(
      [1, 2, 3].map(() => postCase(url, officer, newCase({ id: input.id }))),
    );
    expect(parallel.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(await feedCursor()).toBe(afterFirst);
  });

  it('creates concurrent submissions of one new id exactly once', async () => {
    const before = await feedCursor();
    const input = newCase();
    const responses = await Promise.all([1, 2, 3, 4].map(() => postCase(url, officer, input)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 201]);
    const page = await readFeedPage(url, clerk, before, 100);
    expect(changesOf(page.changes, 'case').map(entityKey)).toEqual([input.id]);
    expect(upsertsOf(page.changes, 'case_event')).toMatchObject([
      { caseId: input.id, kind: 'recorded' },
    ]);
    expect(page.changes).toHaveLength(2);
  });

  it.each([
    ['a missing plate', { plate: undefined }, 'plate'],
    ['a district outside Munich', { district: 26 }, 'district'],
    ['a time without offset', { observedAt: '2026-03-01T10:00:00' }, 'observedAt'],
    ['a non-uuid id', { id: 'case-1' }, 'id'],
    ['a string latitude', { lat: 'north' }, 'lat'],
  ])('refuses %s with a 400 naming the field and stores nothing', async (_what, patch, field) => {
    const before = await feedCursor();
    const response = await postCase(url, officer, { ...newCase(), ...patch });
    expect(response.status).toBe(400);
    const error = await apiError(response);
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe(field);
    expect(await feedCursor()).toBe(before);
  });

  it('refuses an unknown offence code with a 400 naming offenceCode', async () => {
    const before = await feedCursor();
    const input = newCase({ offenceCode: 'X999' });
    const response = await postCase(url, officer, input);
    expect(response.status).toBe(400);
    expect(await apiError(response)).toMatchObject({
      code: 'unknown_offence',
      field: 'offenceCode',
    });
    expect(await feedCursor()).toBe(before);
    // Nothing was stored under the id either: a corrected retry is a fresh create.
    const retry = await postCase(url, officer, { ...input, offenceCode: 'P101' });
    expect(retry.status).toBe(201);
  });

  it('refuses malformed JSON and a missing body with 400', async () => {
    const broken = await fetch(`${url}/field/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
      body: '{"id": ',
    });
    expect(broken.status).toBe(400);
    await apiError(broken);
    const empty = await fetch(`${url}/field/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(empty.status).toBe(400);
    await apiError(empty);
  });

  it('admits only officers and refuses another officer reusing a case id', async () => {
    const asClerk = await postCase(url, clerk, newCase());
    expect(asClerk.status).toBe(403);
    const anonymous = await fetch(`${url}/field/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newCase()),
    });
    expect(anonymous.status).toBe(401);

    const input = newCase();
    expect((await postCase(url, officer, input)).status).toBe(201);
    const other = await postCase(url, await tokenFor(url, 'officer.bauer'), input);
    expect(other.status).toBe(409);
    expect((await apiError(other)).field).toBe('id');
  });

  it('lets the embedding process record cases through the same path (createCase)', async () => {
    const before = await feedCursor();
    const record = await t.server.createCase(newCase({ offenceCode: 'P110' }));
    expect(record).toMatchObject({ officerId: 'officer-01', fineCents: 6000, version: 1 });
    const page = await readFeedPage(url, clerk, before, 10);
    expect(page.changes).toMatchObject([
      { entity: 'case', op: 'upsert', data: record },
      { entity: 'case_event', op: 'upsert', data: { caseId: record.id, kind: 'recorded' } },
    ]);
    await expect(t.server.createCase(newCase({ district: 0 }))).rejects.toThrow();
  });
});
