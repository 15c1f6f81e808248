import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBulkLoading } from '../../../src/main/db/bulk-load';
import { openDatabase } from '../../../src/main/db/connection';
import { countCases, readCheckpoint } from '../../../src/main/sync/apply';
import { OfflineError } from '../../../src/main/sync/feed-client';
import type { PageReport } from '../../../src/main/sync/pull-loop';
import { createPullRunner, InThreadRunner, WorkerRunner } from '../../../src/main/sync/pull-runner';
import { demoLogin, startServer } from '../../../src/server';
import { tokenFor } from '../server/support/client';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('the pull worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-pull-worker-'));
  let server: Server;
  let token: string;

  beforeAll(async () => {
    server = await startServer({ seed: { cases: 300 } });
    token = await tokenFor(server.url, demoLogin('clerk').username);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // A fresh console groups an initial sync's pages per transaction; one page each here, so that
  // every page is seen on its own.
  const request = (serverUrl: string, pageSize = 1000) => ({
    serverUrl,
    token,
    pageSize,
    bulkCommitRows: pageSize,
  });

  it('runs on a worker for a database file, on the calling thread for an in-memory one', () => {
    const file = openDatabase(join(dir, 'kind.sqlite'));
    const memory = openDatabase(':memory:');
    expect(createPullRunner(file)).toBeInstanceOf(WorkerRunner);
    expect(createPullRunner(memory)).toBeInstanceOf(InThreadRunner);
    file.close();
    memory.close();
  });

  it('applies the feed on its own connection; the main connection sees each page whole', async () => {
    const db = openDatabase(join(dir, 'apply.sqlite'));
    const runner = createPullRunner(db);
    const reports: PageReport[] = [];
    const seen: { cursor: number; cases: number }[] = [];
    await runner.run(request(server.url, 100), (report) => {
      reports.push(report);
      // Read on the main thread while the worker goes on: a committed cursor, never half a page.
      seen.push({ cursor: readCheckpoint(db).cursor, cases: countCases(db) });
    });
    await runner.close();
    expect(reports.length).toBeGreaterThan(3);
    expect(reports.at(-1)).toMatchObject({ hasMore: false, caseCount: 300 });
    expect(countCases(db)).toBe(300);
    expect(readCheckpoint(db).cursor).toBe(reports.at(-1)?.cursor);
    expect(readCheckpoint(db).epoch).toMatch(/^[0-9a-f-]{36}$/);
    // An initial sync loads with the derived indexes parked and builds them at the end, saying
    // so once everything is loaded.
    expect(reports.filter((r) => r.indexing)).toHaveLength(1);
    expect(reports.at(-2)).toMatchObject({ indexing: true, caseCount: 300 });
    expect(isBulkLoading(db)).toBe(false);
    expect(
      db.prepare(`SELECT name FROM sqlite_master WHERE name = 'cases_status_deadline'`).get(),
    ).toBeDefined();
    for (const [i, report] of reports.entries()) {
      expect(seen[i]?.cursor).toBeGreaterThanOrEqual(report.cursor);
    }
    db.close();
  });

  it('hands back errors as the classes the engine tells apart', async () => {
    const db = openDatabase(join(dir, 'offline.sqlite'));
    const runner = createPullRunner(db);
    await expect(runner.run(request('http://127.0.0.1:1'), () => undefined)).rejects.toThrow(
      OfflineError,
    );
    // The worker is still there for the next pull.
    await runner.run(request(server.url), () => undefined);
    expect(countCases(db)).toBe(300);
    await runner.close();
    db.close();
  });

  it('stops when closed mid-pull, keeping the pages it applied and nothing of the next', async () => {
    const db = openDatabase(join(dir, 'close.sqlite'));
    const runner = createPullRunner(db);
    let first: PageReport | null = null;
    const run = runner.run(request(server.url, 10), (report) => {
      first ??= report;
      void runner.close();
    });
    await expect(run).rejects.toThrow(/closing|closed/);
    await runner.close();
    const cursor = readCheckpoint(db).cursor;
    expect(first).not.toBeNull();
    expect(cursor).toBeGreaterThanOrEqual((first as PageReport | null)?.cursor ?? Infinity);
    expect(countCases(db)).toBeLessThan(300);
    db.close();
  });

  it.each([
    ['a worker', 'cancel.sqlite'],
    ['the calling thread', ':memory:'],
  ])(
    'on %s, cancelling stops a pull mid-way and the runner pulls again afterwards',
    async (_, name) => {
      const db = openDatabase(name === ':memory:' ? name : join(dir, name));
      const runner = createPullRunner(db);
      const run = runner.run(request(server.url, 10), () => runner.cancel());
      await expect(run).rejects.toThrow();
      expect(countCases(db)).toBeLessThan(300);
      await runner.run(request(server.url, 1000), () => undefined);
      expect(countCases(db)).toBe(300);
      await runner.close();
      db.close();
    },
  );
});
