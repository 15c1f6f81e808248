import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoLogin } from '../../../src/server/index';
import { auditListSchema, auditViewBatchResponseSchema } from '../../../src/shared/sync/audit';
import { availableTargets } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import { apiError, login, newCase } from './support/client';

describe.each(await availableTargets())('audit trail of views on $name', (target) => {
  let t: TestServer;
  let clerk: string;
  let admin: string;
  let clerkId: string;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestServer(target, 0);
    const clerkLogin = await login(t.server.url, demoLogin('clerk').username, DEMO_PASSWORD);
    clerk = clerkLogin.accessToken;
    clerkId = clerkLogin.user.id;
    admin = (await login(t.server.url, demoLogin('admin').username, DEMO_PASSWORD)).accessToken;
    caseId = (await t.server.createCase(newCase())).id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const report = (token: string, views: unknown[]) =>
    fetch(`${t.server.url}/audit/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ views }),
    });
  const trail = async (query: Record<string, string>) => {
    const url = new URL('/audit/views', t.server.url);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await fetch(url, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    return auditListSchema.parse(await response.json()).views;
  };

  it('keeps who opened a case and a photo, under the token’s user, once per view', async () => {
    const opened = { id: randomUUID(), caseId, viewedAt: '2026-11-28T09:00:00.000Z' };
    const photo = {
      id: randomUUID(),
      caseId,
      photoSha256: 'ab'.repeat(32),
      viewedAt: '2026-11-28T09:00:05.000Z',
    };
    const first = await report(clerk, [opened, photo]);
    expect(auditViewBatchResponseSchema.parse(await first.json())).toEqual({
      accepted: 2,
      duplicates: 0,
    });
    // The answer was lost, the console sends the batch again: nothing is stored twice.
    const again = await report(clerk, [opened, photo]);
    expect(auditViewBatchResponseSchema.parse(await again.json())).toEqual({
      accepted: 0,
      duplicates: 2,
    });

    const views = await trail({ caseId });
    expect(views.map((v) => [v.username, v.photoSha256, v.viewedAt])).toEqual([
      ['demo.clerk', 'ab'.repeat(32), '2026-11-28T09:00:05.000Z'],
      ['demo.clerk', null, '2026-11-28T09:00:00.000Z'],
    ]);
    expect(views.every((v) => v.userId === clerkId)).toBe(true);
    expect(await trail({ caseId, from: '2026-11-28T09:00:01Z' })).toHaveLength(1);
    expect(await trail({ userId: 'officer-01' })).toEqual([]);
  });

  it('refuses a view from the future as a whole batch, storing nothing', async () => {
    const good = { id: randomUUID(), caseId, viewedAt: new Date().toISOString() };
    const future = {
      id: randomUUID(),
      caseId,
      viewedAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const response = await report(clerk, [good, future]);
    expect(response.status).toBe(400);
    expect(await apiError(response)).toMatchObject({
      code: 'invalid_input',
      field: 'views.1.viewedAt',
    });
    expect((await trail({ caseId })).map((v) => v.id)).not.toContain(good.id);
  });
});
