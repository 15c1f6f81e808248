import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { dispatchCall } from '../../../src/main/contract/dispatch';
import { call, waitFor } from './support/calls';
import { demoLogin, startServer } from '../../../src/server';
import { newCase, readWholeFeed, tokenFor } from '../server/support/client';
import { latestOf, newDispute, postDispute, pushOne } from '../server/support/mutations';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('work.decideBulk against the real server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-bulk-'));
  const dbPath = join(dir, 'console.sqlite');
  let server: Server;
  let clerkToken: string;
  let app: MainApp;

  beforeAll(async () => {
    server = await startServer({ seed: { cases: 5 } });
    clerkToken = await tokenFor(server.url, 'demo.clerk');
    app = await startMainApp({ dbPath, serverUrl: server.url, credentials: demoLogin('clerk') });
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const local = <T>(sql: string, ...params: unknown[]): T | undefined => {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).get(...params) as T | undefined;
    } finally {
      db.close();
    }
  };
  const localStatus = (id: string) =>
    local<{ status: string }>('SELECT status FROM cases WHERE id = ?', id)?.status;

  const serverFeed = async () => (await readWholeFeed(server.url, clerkToken)).changes;

  /** A case recorded by officer.huber; with `dispute`, a dispute too, so it waits for a decision. */
  const seedCase = async (dispute: boolean) => {
    const created = await server.createCase(newCase());
    if (dispute) {
      expect((await postDispute(server.url, clerkToken, newDispute(created.id))).status).toBe(201);
    }
    return created.id;
  };

  it('queues the decidable cases in one go, skips the others, and the server holds each decision once', async () => {
    const disputed = [await seedCase(true), await seedCase(true), await seedCase(true)];
    const claimed = await seedCase(true);
    const notDisputed = await seedCase(false);

    // Another clerk (the admin) works on one case: their claim reaches this console by the feed.
    const adminToken = await tokenFor(server.url, 'demo.admin');
    expect(
      await pushOne(server.url, adminToken, { id: randomUUID(), kind: 'claim', caseId: claimed }),
    ).toMatchObject({ status: 'applied' });
    await waitFor(() => {
      for (const id of [...disputed, claimed]) expect(localStatus(id)).toBe('disputed');
      expect(localStatus(notDisputed)).toBe('open');
      expect(local('SELECT clerk_id FROM claims WHERE case_id = ?', claimed)).toBeDefined();
    });

    const result = await call(app, 'work.decideBulk', {
      caseIds: [disputed[0] ?? '', claimed, disputed[1] ?? '', notDisputed, disputed[2] ?? ''],
      decision: 'withdraw',
      reasonCode: 'sign_faulty',
      text: 'Schild verdeckt (Baum), siehe Ortstermin.',
    });
    expect(result.queued.map((i) => i.caseId)).toEqual(disputed);
    expect(result.queued.every((i) => i.state === 'pending')).toBe(true);
    expect(result.skipped).toEqual([
      { caseId: claimed, reason: 'claimed' },
      { caseId: notDisputed, reason: 'not_decidable' },
    ]);

    // Pushed and confirmed; the server applied each decision exactly once.
    await waitFor(async () => {
      const { items } = await call(app, 'outbox.list', { limit: 100 });
      for (const queued of result.queued) {
        expect(items.find((i) => i.id === queued.id)?.state).toBe('applied');
      }
    });
    const feed = await serverFeed();
    for (const [i, caseId] of disputed.entries()) {
      const decisions = latestOf(feed, 'decision').filter((d) => d.caseId === caseId);
      expect(decisions.map((d) => [d.id, d.kind, d.reasonCode, d.clerkId])).toEqual([
        [result.queued[i]?.id, 'withdraw', 'sign_faulty', 'demo-clerk'],
      ]);
      expect(
        latestOf(feed, 'case')
          .filter((c) => c.id === caseId)
          .at(-1)?.status,
      ).toBe('withdrawn');
    }
    for (const caseId of [claimed, notDisputed]) {
      expect(latestOf(feed, 'decision').filter((d) => d.caseId === caseId)).toEqual([]);
    }
    await waitFor(() => {
      for (const id of disputed) expect(localStatus(id)).toBe('withdrawn');
    });
    expect(localStatus(claimed)).toBe('disputed');
  });

  it('refuses bad input as a whole and stores nothing', async () => {
    const caseId = await seedCase(true);
    await waitFor(() => expect(localStatus(caseId)).toBe('disputed'));
    const before = local<{ n: number }>('SELECT count(*) AS n FROM outbox')?.n;
    for (const input of [
      { caseIds: [], decision: 'withdraw', reasonCode: 'other', text: '' },
      { caseIds: [caseId, caseId], decision: 'withdraw', reasonCode: 'other', text: '' },
      { caseIds: [caseId], decision: 'reduce', reasonCode: 'hardship', text: '' },
      { caseIds: [caseId, 'nope'], decision: 'forward', reasonCode: 'other', text: '' },
    ]) {
      const answer = await dispatchCall(app.impl, 'work.decideBulk', input);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(local<{ n: number }>('SELECT count(*) AS n FROM outbox')?.n).toBe(before);
    expect(localStatus(caseId)).toBe('disputed');
  });
});
