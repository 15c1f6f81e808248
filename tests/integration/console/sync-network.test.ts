import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/contract';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { openDatabase } from '../../../src/main/db/connection';
import { demoLogin, startServer } from '../../../src/server';
import { ensureOffenceCatalogue } from '../../../src/server/cases/offences';
import { bulkLoadCases } from '../../../src/server/sim/bulk';
import { openStore } from '../../../src/server/store/open';
import { seedDemoData } from '../../../src/server/store/seed';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../support/throwaway-pg';
import { BROKEN_LINE, startFeedProxy, type FeedMode, type FeedProxy } from './support/feed-proxy';

const PG_URL = process.env['KVUE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Several pages of 5000 changes. */
const CASES = 30_000;

type Server = Awaited<ReturnType<typeof startServer>>;

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

function localCheckpoint(dbPath: string): { cursor: number; cases: number } {
  const db = openDatabase(dbPath);
  try {
    const { cursor } = db.prepare('SELECT cursor FROM sync_state').get() as { cursor: number };
    const { n } = db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number };
    return { cursor, cases: n };
  } finally {
    db.close();
  }
}

describe('console sync over a bad network', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-sync-net-'));
  let database: ThrowawayDatabase;
  let server: Server;
  let head = 0;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createThrowawayDatabase(PG_URL, 'kvue_test_net');
    const db = await openStore({ databaseUrl: database.url });
    try {
      await ensureOffenceCatalogue(db);
      await seedDemoData(db, null, { cases: 0 });
      await bulkLoadCases(db, { count: CASES, seed: 11 });
      const [row] = await db.query<{ head: string }>('SELECT max(cursor) AS head FROM feed');
      head = Number(row?.head);
    } finally {
      await db.close();
    }
    server = await startServer({ databaseUrl: database.url });
  }, 60_000);

  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
    await server?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes by itself after a cut connection and a server restart mid-sync', async () => {
    const port = server.port;
    let restarted: Promise<void> | null = null;
    let restartedAtCursor = -1;
    const proxy: FeedProxy = await startFeedProxy(
      port,
      (request): FeedMode => (request.n === 2 ? 'cut' : 'pass'),
      async (request) => {
        // The fourth feed request finds the server going down; it is back a second later.
        if (request.n !== 4 || restarted) return;
        restartedAtCursor = request.cursor;
        await server.close();
        restarted = new Promise<void>((resolve, reject) => {
          setTimeout(() => {
            startServer({ databaseUrl: database.url, port }).then((next) => {
              server = next;
              resolve();
            }, reject);
          }, 1000);
        });
      },
    );
    cleanup.push(() => proxy.close());
    const dbPath = join(dir, 'network.sqlite');
    const states = new Set<string>();
    const app = await startMainApp({
      dbPath,
      serverUrl: proxy.url,
      credentials: demoLogin('clerk'),
    });
    cleanup.push(() => app.close());
    app.onEvent((name, payload) => {
      if (name === 'sync.status') states.add((payload as SyncStatus).state);
    });
    const done = await nextStatus(app, (s) => s.state === 'idle' && s.cursor >= head);
    await app.close();

    expect(restarted).not.toBeNull();
    await restarted;
    expect(restartedAtCursor).toBeGreaterThan(0);
    expect(restartedAtCursor).toBeLessThan(head);
    // The cut page was asked for again from the same cursor.
    const [, cut, again] = proxy.feedRequests;
    expect(again?.cursor).toBe(cut?.cursor);
    expect(states.has('offline')).toBe(true);
    expect(done.caseCount).toBe(CASES);
    expect(done.error).toBeNull();
    expect(localCheckpoint(dbPath)).toEqual({ cursor: done.cursor, cases: CASES });
  });

  it('does not apply a page with a malformed line, reports it, and resumes on good data', async () => {
    let corrupt = true;
    const proxy = await startFeedProxy(server.port, (request) =>
      request.n >= 2 && corrupt ? 'corrupt' : 'pass',
    );
    cleanup.push(() => proxy.close());
    const dbPath = join(dir, 'malformed.sqlite');
    const app = await startMainApp({
      dbPath,
      serverUrl: proxy.url,
      credentials: demoLogin('clerk'),
    });
    cleanup.push(() => app.close());

    const failed = await nextStatus(app, (s) => s.state === 'error');
    const corrupted = proxy.feedRequests[1];
    expect(corrupted).toBeDefined();
    expect(failed.error).toMatch(/Feed line \d+: not JSON/);
    expect(failed.progress ?? null).toBeNull();
    // Page one is in, the broken page two is not: the cursor is where page two started.
    expect(corrupted?.cursor).toBeGreaterThan(0);
    expect(failed.cursor).toBe(corrupted?.cursor);
    const before = localCheckpoint(dbPath);
    expect(before.cursor).toBe(corrupted?.cursor);
    expect(before.cases).toBe(failed.caseCount);
    expect(before.cases).toBeLessThan(CASES);
    expect(BROKEN_LINE.length).toBeGreaterThan(0);

    corrupt = false;
    const done = await nextStatus(app, (s) => s.state === 'idle' && s.cursor >= head);
    expect(done.error).toBeNull();
    expect(done.caseCount).toBe(CASES);
    await app.close();
    expect(localCheckpoint(dbPath)).toEqual({ cursor: done.cursor, cases: CASES });
  });
});
