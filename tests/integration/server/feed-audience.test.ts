import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRecordSchema } from '../../../src/shared/domain/case';
import type { FeedChange } from '../../../src/shared/sync/feed';
import { newCase, postCase, readFeedPage, readWholeFeed, tokenFor } from './support/client';
import { availableTargets } from './support/databases';
import { latestOf, newDispute, postDispute, push, pushOne } from './support/mutations';
import { jpegBytes, sha256Of, uploadPhoto } from './support/photos';
import { startTestServer, type TestServer } from './support/server';

/** Who sees what in the feed: each user's feed holds only what they may read. */
describe.each(await availableTargets())('feed audiences on $name', (target) => {
  let t: TestServer;
  let url: string;
  let clerk: string;
  let lead: string;
  let huber: string;
  let bauer: string;

  beforeAll(async () => {
    t = await startTestServer(target, 60);
    url = t.server.url;
    const tokens = await Promise.all(
      ['demo.clerk', 'demo.lead', 'officer.huber', 'officer.bauer'].map((name) =>
        tokenFor(url, name),
      ),
    );
    [clerk, lead, huber, bauer] = tokens as [string, string, string, string];
  });
  afterAll(async () => {
    await t?.stop();
  });

  const feedOf = async (token: string): Promise<FeedChange[]> =>
    (await readWholeFeed(url, token)).changes;
  const entities = (changes: readonly FeedChange[]) => new Set(changes.map((c) => c.entity));

  it("gives an officer their own cases and photos, the directory, and none of the office's records", async () => {
    const own = caseRecordSchema.parse(await (await postCase(url, huber, newCase())).json());
    const bytes = jpegBytes();
    expect((await uploadPhoto(url, huber, bytes, { caseId: own.id })).status).toBe(201);
    expect((await postDispute(url, clerk, newDispute(own.id))).status).toBe(201);

    const feed = await feedOf(huber);
    const cases = latestOf(feed, 'case');
    expect(cases.map((c) => c.id)).toContain(own.id);
    expect(cases.every((c) => c.officerId === 'officer-01')).toBe(true);
    expect(latestOf(feed, 'photo').map((p) => p.sha256)).toContain(sha256Of(bytes));
    const seen = entities(feed);
    for (const officeOnly of ['dispute', 'decision', 'case_event', 'claim']) {
      expect(seen.has(officeOnly as FeedChange['entity'])).toBe(false);
    }
    expect(latestOf(feed, 'person').length).toBeGreaterThan(20);
    expect(latestOf(feed, 'offence').length).toBeGreaterThan(5);
    expect(latestOf(feed, 'team')).toHaveLength(4);

    const other = await feedOf(bauer);
    expect(latestOf(other, 'case').some((c) => c.id === own.id)).toBe(false);
    expect(latestOf(other, 'photo').some((p) => p.caseId === own.id)).toBe(false);

    const office = await feedOf(clerk);
    expect(latestOf(office, 'photo').find((p) => p.sha256 === sha256Of(bytes))).toMatchObject({
      caseId: own.id,
      contentType: 'image/jpeg',
      sizeBytes: bytes.length,
      uploadedBy: 'officer-01',
    });
    const officers = new Set(latestOf(office, 'case').map((c) => c.officerId));
    expect(officers.size).toBeGreaterThan(2);
  });

  it('shows a conversation only to its members, the clerk included only where a member', async () => {
    const conversationId = randomUUID();
    const messageId = randomUUID();
    const { results } = await push(url, lead, [
      {
        id: randomUUID(),
        kind: 'conversation',
        conversationId,
        type: 'group',
        title: 'Schwerpunkt Schwabing',
        memberIds: ['officer-01'],
      },
      { id: messageId, kind: 'message', conversationId, body: 'Morgen 7 Uhr Treffpunkt.' },
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const member = await feedOf(huber);
    expect(latestOf(member, 'conversation').some((c) => c.id === conversationId)).toBe(true);
    expect(
      latestOf(member, 'member')
        .filter((m) => m.conversationId === conversationId)
        .map((m) => [m.userId, m.role])
        .sort(),
    ).toEqual([
      ['demo-lead', 'owner'],
      ['officer-01', 'member'],
    ]);
    expect(latestOf(member, 'message').some((m) => m.id === messageId)).toBe(true);

    for (const outsider of [bauer, clerk]) {
      const feed = await feedOf(outsider);
      expect(latestOf(feed, 'conversation').some((c) => c.id === conversationId)).toBe(false);
      expect(latestOf(feed, 'message').some((m) => m.id === messageId)).toBe(false);
    }
  });

  it("lets an officer's cursor advance to the feed head over rows they may not see", async () => {
    const start = (await readWholeFeed(url, bauer)).cursor;
    // Office-only and other officers' rows pile up after officer.bauer's cursor.
    for (let i = 0; i < 3; i++) {
      const c = caseRecordSchema.parse(await (await postCase(url, huber, newCase())).json());
      expect((await postDispute(url, clerk, newDispute(c.id))).status).toBe(201);
    }
    const head = (await readWholeFeed(url, clerk)).cursor;
    expect(head).toBeGreaterThan(start);
    const page = await readFeedPage(url, bauer, start, 100);
    expect(page.changes).toEqual([]);
    expect(page.end).toEqual({
      kind: 'end',
      cursor: head,
      hasMore: false,
      epoch: expect.any(String),
    });
  });

  it("refuses an officer a photo of another officer's case unless it was shared with them", async () => {
    const c = caseRecordSchema.parse(await (await postCase(url, huber, newCase())).json());
    const bytes = jpegBytes();
    const sha = sha256Of(bytes);
    expect((await uploadPhoto(url, huber, bytes, { caseId: c.id })).status).toBe(201);
    const get = (token: string) =>
      fetch(`${url}/photos/${sha}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get(bauer)).status).toBe(403);

    // A team lead shows the photo to officer.bauer in a conversation.
    const conversationId = randomUUID();
    const shared = await push(url, lead, [
      {
        id: randomUUID(),
        kind: 'conversation',
        conversationId,
        type: 'group',
        title: 'Beweisfoto',
        memberIds: ['officer-02'],
      },
      {
        id: randomUUID(),
        kind: 'message',
        conversationId,
        body: 'So sieht ein sauberes Beweisfoto aus.',
        photoSha256s: [sha],
      },
    ]);
    expect(shared.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await get(bauer)).status).toBe(200);
  });

  it("refuses an officer attaching or referring to another officer's case", async () => {
    const c = caseRecordSchema.parse(await (await postCase(url, huber, newCase())).json());
    const conversation = await pushOne(url, bauer, {
      id: randomUUID(),
      kind: 'conversation',
      conversationId: randomUUID(),
      type: 'direct',
      memberIds: ['demo-clerk'],
    });
    if (conversation.status !== 'applied') throw new Error('no conversation');
    const conversationId = (conversation.record?.data as { id: string }).id;
    const result = await pushOne(url, bauer, {
      id: randomUUID(),
      kind: 'message',
      conversationId,
      body: 'Siehe Fall',
      caseId: c.id,
    });
    expect(result).toMatchObject({ status: 'rejected', code: 'not_found', field: 'caseId' });
  });
});
