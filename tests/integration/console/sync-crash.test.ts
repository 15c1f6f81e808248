import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/contract';
import { isBulkLoading } from '../../../src/main/db/bulk-load';
import { openDatabase } from '../../../src/main/db/connection';
import { startServer } from '../../../src/server';
import { ensureOffenceCatalogue } from '../../../src/server/cases/offences';
import { bulkLoadCases } from '../../../src/server/sim/bulk';
import { openStore } from '../../../src/server/store/open';
import { seedDemoData } from '../../../src/server/store/seed';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../support/throwaway-pg';

const PG_URL = process.env['KVUE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CASES = 200_000;
const ENTRY = fileURLToPath(new URL('./support/console-process.ts', import.meta.url));

interface ConsoleProcess {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the first status printed that satisfies `accept`. */
  until(accept: (s: SyncStatus) => boolean): Promise<SyncStatus>;
  exited: Promise<unknown>;
}

function spawnConsole(dbPath: string, serverUrl: string): ConsoleProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, dbPath, serverUrl], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  return {
    child,
    exited,
    until(accept) {
      return new Promise((resolve, reject) => {
        const onLine = (line: string) => {
          // The app's own log lines share stdout with the status lines; pass them on.
          if (!line.startsWith('{')) {
            process.stderr.write(`${line}\n`);
            return;
          }
          const status = JSON.parse(line) as SyncStatus;
          if (!accept(status)) return;
          lines.off('line', onLine);
          resolve(status);
        };
        lines.on('line', onLine);
        child.once('exit', (code, signal) =>
          reject(new Error(`console exited (${code ?? signal}) before the awaited status`)),
        );
      });
    },
  };
}

/** sha256 over `id|version` lines, ordered by id. */
function checksum(rows: readonly { id: string; version: number }[]): string {
  const hash = createHash('sha256');
  for (const row of [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(`${row.id}|${row.version}\n`);
  }
  return hash.digest('hex');
}

describe('console killed during a big initial sync', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-sync-crash-'));
  const dbPath = join(dir, 'console.sqlite');
  let database: ThrowawayDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let head = 0;

  beforeAll(async () => {
    database = await createThrowawayDatabase(PG_URL, 'kvue_test_crash');
    const db = await openStore({ databaseUrl: database.url });
    try {
      await ensureOffenceCatalogue(db);
      await seedDemoData(db, null, { cases: 0 });
      const started = performance.now();
      const result = await bulkLoadCases(db, { count: CASES, seed: 7 });
      console.log(
        `bulk-loaded ${result.inserted} cases in ${Math.round(performance.now() - started)} ms`,
      );
      const [row] = await db.query<{ head: string }>('SELECT max(cursor) AS head FROM feed');
      head = Number(row?.head);
    } finally {
      await db.close();
    }
    server = await startServer({ databaseUrl: database.url });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'after SIGKILL and a restart holds exactly the server’s cases',
    { timeout: 120_000 },
    async () => {
      const started = performance.now();
      const first = spawnConsole(dbPath, server.url);
      const midway = await first.until((s) => s.cursor > head / 4 && s.cursor < head);
      first.child.kill('SIGKILL');
      await first.exited;
      const killedAt = performance.now() - started;

      // What survived the kill is whole pages with their cursor, nothing half-applied.
      const afterKill = openDatabase(dbPath);
      const cursorAfterKill = (
        afterKill.prepare('SELECT cursor FROM sync_state').get() as { cursor: number }
      ).cursor;
      const parkedAfterKill = isBulkLoading(afterKill);
      afterKill.close();
      expect(cursorAfterKill).toBeGreaterThanOrEqual(midway.cursor);
      expect(cursorAfterKill).toBeLessThan(head);
      // It was killed mid bulk load: the derived indexes are parked, listed to be built.
      expect(parkedAfterKill).toBe(true);

      const second = spawnConsole(dbPath, server.url);
      // While it catches up, it reports how far it got and how long it will take.
      const estimated = second.until(
        (s) =>
          s.state === 'syncing' &&
          (s.progress?.rows ?? 0) > 0 &&
          (s.progress?.etaSeconds ?? null) !== null,
      );
      const indexing = second.until((s) => s.state === 'syncing' && s.progress?.indexing === true);
      const done = await second.until((s) => s.state === 'idle' && s.cursor >= head);
      // Having loaded everything it said so while it built the indexes, then went idle.
      expect((await indexing).caseCount).toBe(CASES);
      expect((await estimated).progress?.bytes).toBeGreaterThan(0);
      second.child.stdin.end();
      await second.exited;
      const total = performance.now() - started;
      console.log(
        `killed at cursor ${midway.cursor}/${head} after ${Math.round(killedAt)} ms; ` +
          `synced ${done.caseCount} cases in ${Math.round(total)} ms including the restart`,
      );

      const local = openDatabase(dbPath);
      const localRows = local.prepare('SELECT id, version FROM cases').all() as {
        id: string;
        version: number;
      }[];
      const distinct = (
        local.prepare('SELECT count(DISTINCT id) AS n FROM cases').get() as {
          n: number;
        }
      ).n;
      // Built after the restart: every index back, every case searchable once.
      expect(isBulkLoading(local)).toBe(false);
      expect(local.prepare('SELECT count(*) FROM case_search').pluck().get()).toBe(CASES);
      local.close();

      const remote = await openStore({ databaseUrl: database.url });
      let remoteRows: { id: string; version: number }[];
      try {
        remoteRows = (
          await remote.query<{ id: string; version: number }>(
            'SELECT id::text AS id, version FROM cases',
          )
        ).map((r) => ({ id: r.id, version: Number(r.version) }));
      } finally {
        await remote.close();
      }

      expect(remoteRows.length).toBe(CASES);
      expect(localRows.length).toBe(remoteRows.length);
      expect(distinct).toBe(localRows.length);
      expect(checksum(localRows)).toBe(checksum(remoteRows));
    },
  );
});
