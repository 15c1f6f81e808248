import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/contract';
import type { NewCase } from '../../../src/shared/domain/case';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { openDatabase } from '../../../src/main/db/connection';
import { demoLogin, startServer } from '../../../src/server';
import { ILLUSTRATIVE_OFFENCES } from '../../../src/server/cases/offence-catalogue';
import { login } from '../server/support/client';
import { pushOne } from '../server/support/mutations';

type Server = Awaited<ReturnType<typeof startServer>>;

const newCase = (plate: string): NewCase => ({
  id: randomUUID(),
  plate,
  vehicleMake: 'BMW',
  vehicleColor: 'Schwarz',
  offenceCode: ILLUSTRATIVE_OFFENCES[1]?.code ?? 'P102',
  street: 'Sonnenstraße',
  houseNumber: '5',
  district: 2,
  lat: 48.135,
  lon: 11.566,
  observedAt: new Date().toISOString(),
});

/** Resolves with the first status the app reports that satisfies `accept`. */
function nextStatus(app: MainApp, accept: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const stop = app.onEvent((name, payload) => {
      if (name === 'sync.status' && accept(payload as SyncStatus)) {
        stop();
        resolve(payload as SyncStatus);
      }
    });
  });
}

describe('console sync against the real server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-sync-'));
  const dbPath = join(dir, 'console.sqlite');
  let server: Server;

  beforeAll(async () => {
    server = await startServer({ seed: { cases: 250 } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = () =>
    startMainApp({ dbPath, serverUrl: server.url, credentials: demoLogin('clerk') });

  it('copies every case once, and after a restart continues from its cursor', async () => {
    let app = await start();
    const idle = await nextStatus(app, (s) => s.state === 'idle' && s.caseCount === 250);
    expect(idle.error).toBeNull();
    await app.close();

    // Changes while the console is closed arrive after it starts again, and nothing doubles.
    await server.createCase(newCase('M-RS 1'));
    await server.createCase(newCase('M-RS 2'));
    app = await start();
    const resumed = await nextStatus(app, (s) => s.state === 'idle' && s.caseCount === 252);
    expect(resumed.cursor).toBeGreaterThan(idle.cursor);
    const page = await app.impl['cases.list']({
      offset: 0,
      limit: 500,
      sort: { field: 'observedAt', dir: 'desc' },
    });
    expect(page.total).toBe(252);
    expect(new Set(page.rows.map((r) => r.id)).size).toBe(252);
    await app.close();

    const db = openDatabase(dbPath);
    expect(db.prepare('SELECT cursor FROM sync_state').get()).toEqual({ cursor: resumed.cursor });
    // Not only cases: the rest of what the feed carries lands in its own tables.
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('offences')).toBeGreaterThan(0);
    expect(count('people')).toBeGreaterThan(0);
    expect(count('case_events')).toBeGreaterThan(0);
    db.close();
  });

  it('logs in again when its access token expires, without going offline', async () => {
    const shortLived = await startServer({ seed: { cases: 5 }, accessTtlMs: 1000 });
    const app = await startMainApp({
      dbPath: join(dir, 'short-token.sqlite'),
      serverUrl: shortLived.url,
      credentials: demoLogin('clerk'),
    });
    try {
      await nextStatus(app, (s) => s.state === 'idle' && s.caseCount === 5);
      const states: string[] = [];
      app.onEvent((name, payload) => {
        if (name === 'sync.status') states.push((payload as SyncStatus).state);
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await shortLived.createCase(newCase('M-TK 1'));
      await nextStatus(app, (s) => s.state === 'idle' && s.caseCount === 6);
      expect(states).not.toContain('offline');
      expect(states).not.toContain('error');
    } finally {
      await app.close();
      await shortLived.close();
    }
  });

  it('ends at the login screen when the configured login is refused', async () => {
    const app = await startMainApp({
      dbPath: join(dir, 'refused.sqlite'),
      serverUrl: server.url,
      credentials: { username: 'demo.clerk', password: 'wrong' },
    });
    try {
      const ended = await new Promise<unknown>((resolve) =>
        app.onEvent((name, payload) => {
          if (name === 'session.changed') resolve(payload);
        }),
      );
      expect(ended).toMatchObject({ state: 'signed_out', username: null, ended: 'refused' });
      const status = await app.impl['sync.status']({});
      expect(status.state).toBe('offline');
    } finally {
      await app.close();
    }
  });

  it('tells the renderer a synced message changed the messages, and a case the cases', async () => {
    const app = await startMainApp({
      dbPath: join(dir, 'announce.sqlite'),
      serverUrl: server.url,
      credentials: demoLogin('clerk'),
    });
    try {
      await nextStatus(app, (s) => s.state === 'idle' && s.caseCount >= 250);
      const announced: string[][] = [];
      app.onEvent((name, payload) => {
        if (name === 'data.changed') announced.push((payload as { entities: string[] }).entities);
      });
      const clerk = await login(server.url, demoLogin('clerk').username);
      const officer = await login(server.url, demoLogin('officer').username);
      const conversationId = randomUUID();
      const opened = await pushOne(server.url, officer.accessToken, {
        id: randomUUID(),
        kind: 'conversation',
        conversationId,
        type: 'direct',
        memberIds: [clerk.user.id],
      });
      expect(opened.status).toBe('applied');
      const sent = await pushOne(server.url, officer.accessToken, {
        id: randomUUID(),
        kind: 'message',
        conversationId,
        body: 'Parkschein lag nicht aus.',
      });
      expect(sent.status).toBe('applied');
      // The conversation and the message may come in one pull or two; wait for the message.
      await expect
        .poll(
          async () =>
            (await app.impl['conversations.list']({})).items.find((c) => c.id === conversationId)
              ?.unread,
          { timeout: 10_000 },
        )
        .toBe(1);
      await expect
        .poll(() => announced.some((entities) => entities.includes('messages')), { timeout: 5000 })
        .toBe(true);
      expect(announced.every((entities) => !entities.includes('cases'))).toBe(true);

      // The console marks the message delivered; let that receipt go out and come back first.
      await expect
        .poll(async () => {
          const { counts } = await app.impl['outbox.list']({ limit: 10 });
          return counts.applied === 1 && counts.pending === 0 && counts.pushing === 0;
        })
        .toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1000));

      announced.length = 0;
      await server.createCase(newCase('M-AN 1'));
      await expect
        .poll(() => announced.find((entities) => entities.includes('cases')), { timeout: 10_000 })
        .toEqual(['cases']);
    } finally {
      await app.close();
    }
  });
});
