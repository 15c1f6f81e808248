/**
 * The console's sync end to end (issue #4): a server on PostgreSQL in its own process, a console
 * (main services, no Electron) in its own process with an empty database, syncing every case.
 *
 * - `cases_per_s`: cases in the console's database per second, from start to the first idle
 *   status holding them all, with 1,000,000 cases (`--cases`);
 * - `ratio_to_raw_insert`: against inserting the same rows straight into a fresh console database
 *   with better-sqlite3 (prepared INSERTs, 50,000 rows a transaction, the derived indexes parked
 *   and built at the end as the sync does), measured in this run;
 * - `peak_rss_mb` of the console process at 1,000,000 cases, and its ratio to a sync of 100,000;
 * - `list_p99_ms`: `cases.list` through the contract every 10 ms during the big sync;
 * - `live_p50_ms`, `live_p99_ms`: 1,000 cases created through the field API one after another,
 *   each timed from the request until it is in the console's database and announced.
 *
 * Run with `npm run bench:sync [-- --cases N --small N --live N]` (`--small`: the smaller sync the
 * memory is compared with, default 100,000); the last line is one JSON object.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { beginBulkLoad, finishBulkLoad } from '../../src/main/db/bulk-load';
import { openDatabase } from '../../src/main/db/connection';
import { FEED_TABLES } from '../../src/main/db/feed-tables';
import { ensureOffenceCatalogue } from '../../src/server/cases/offences';
import { bulkLoadCases } from '../../src/server/sim/bulk';
import { openStore } from '../../src/server/store/open';
import { demoLogin, seedDemoData } from '../../src/server/store/seed';
import type { FeedEntity } from '../../src/shared/sync/feed';
import { withBenchDatabase } from './support/bench-db';
import { spawnServer, type ServerProcess } from './support/spawn-server';
import type { LiveReport, SyncedReport, ToConsole } from './support/sync-console';

const CONSOLE = fileURLToPath(new URL('./support/sync-console.ts', import.meta.url));
function parseOptions(): { cases: number; small: number; live: number } {
  const { values } = parseArgs({
    options: { cases: { type: 'string' }, small: { type: 'string' }, live: { type: 'string' } },
    strict: true,
  });
  const count = (name: 'cases' | 'small' | 'live', fallback: number, min: number) => {
    const text = values[name];
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isSafeInteger(n) || n < min) {
      throw new Error(`--${name} needs a whole number ≥ ${min}, got "${text}"`);
    }
    return n;
  };
  const small = count('small', 100_000, 1);
  return { cases: count('cases', 1_000_000, small + 1), small, live: count('live', 1000, 1) };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const fmt = (n: number) => n.toLocaleString('en');
const one = (n: number) => Number(n.toFixed(1));

async function load(databaseUrl: string, count: number, seed: number): Promise<void> {
  const db = await openStore({ databaseUrl });
  try {
    await ensureOffenceCatalogue(db);
    await seedDemoData(db, null, { cases: 0 });
    await bulkLoadCases(db, { count, seed });
    await db.exec('VACUUM (ANALYZE) feed');
  } finally {
    await db.close();
  }
}

async function loginAs(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login ${username} answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A console process syncing from `server` into a fresh database. */
function startConsole(server: ServerProcess, dir: string, expected: number) {
  const child: ChildProcess = fork(
    CONSOLE,
    [join(dir, 'console.sqlite'), server.url, `${expected}`],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const live: LiveReport[] = [];
  const onLive = new Set<() => void>();
  const synced = new Promise<SyncedReport>((resolve, reject) => {
    child.on('message', (message: SyncedReport | LiveReport) => {
      if (message.type === 'synced') resolve(message);
      else {
        live.push(message);
        for (const wake of onLive) wake();
      }
    });
    child.once('exit', (code) => reject(new Error(`console exited with code ${code}`)));
  });
  const send = (message: ToConsole) => child.send(message);
  return {
    synced,
    live,
    expect: (id: string, startedAt: number) => send({ type: 'expect', id, startedAt }),
    /** Resolves once `n` live reports are in. */
    liveCount: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (live.length < n) return;
          onLive.delete(check);
          resolve();
        };
        onLive.add(check);
        check();
      }),
    async stop() {
      const exited = once(child, 'exit');
      send({ type: 'stop' });
      await exited;
    },
  };
}

async function syncOnce(server: ServerProcess, expected: number) {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-bench-sync-'));
  const console_ = startConsole(server, dir, expected);
  try {
    return { report: await console_.synced, console: console_, dir };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Cases created one after another through the field API, each timed by the console. */
async function measureLive(
  server: ServerProcess,
  console_: ReturnType<typeof startConsole>,
  count: number,
): Promise<number[]> {
  const officer = await loginAs(server.url, 'officer.huber', 'demo');
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const startedAt = Date.now();
    console_.expect(id, startedAt);
    const response = await fetch(`${server.url}/field/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
      body: JSON.stringify({
        id,
        plate: `M-LV ${(i % 9000) + 1000}`,
        vehicleMake: 'VW',
        vehicleColor: 'grau',
        offenceCode: 'P101',
        street: 'Leopoldstraße',
        houseNumber: String((i % 200) + 1),
        district: 12,
        lat: 48.16,
        lon: 11.58,
        observedAt: new Date(startedAt - 60_000).toISOString(),
      }),
    });
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`POST /field/cases answered ${response.status}: ${await response.text()}`);
    }
    await console_.liveCount(i + 1);
  }
  return console_.live.map((report) => report.ms);
}

/** Every feed row as the clerk sees it, mapped to its table's row. */
async function readRows(url: string): Promise<{ entity: FeedEntity; row: object }[]> {
  const token = await loginAs(url, demoLogin('clerk').username, demoLogin('clerk').password);
  const rows: { entity: FeedEntity; row: object }[] = [];
  let cursor = 0;
  for (;;) {
    const response = await fetch(`${url}/sync/feed?cursor=${cursor}&limit=5000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const lines = (await response.text()).split('\n').filter((line) => line !== '');
    const end = JSON.parse(lines.pop() ?? '{}') as { cursor: number; hasMore: boolean };
    for (const line of lines) {
      const change = JSON.parse(line) as { entity: FeedEntity; op: string; data: never };
      if (change.op !== 'upsert') continue;
      rows.push({ entity: change.entity, row: FEED_TABLES[change.entity].toRow(change.data) });
    }
    cursor = end.cursor;
    if (!end.hasMore) return rows;
  }
}

/** The floor: the same rows inserted straight into a fresh console database. */
function rawInsert(rows: { entity: FeedEntity; row: object }[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-bench-raw-'));
  const db = openDatabase(join(dir, 'raw.sqlite'));
  try {
    const inserts = new Map(
      Object.entries(FEED_TABLES).map(([entity, spec]) => [
        entity,
        db.prepare(
          `INSERT OR REPLACE INTO ${spec.table} (${spec.columns.join(', ')})
           VALUES (${spec.columns.map((c) => `@${c}`).join(', ')})`,
        ),
      ]),
    );
    const batch = db.transaction((slice: typeof rows) => {
      for (const { entity, row } of slice) inserts.get(entity)?.run(row);
    });
    // The same end state as the sync's: loaded with the derived indexes parked, then built.
    const started = performance.now();
    beginBulkLoad(db);
    for (let i = 0; i < rows.length; i += 50_000) batch(rows.slice(i, i + 50_000));
    const loaded = performance.now();
    finishBulkLoad(db);
    const built = performance.now();
    console.log(
      `raw insert: ${((loaded - started) / 1000).toFixed(1)} s loading, ` +
        `${((built - loaded) / 1000).toFixed(1)} s building indexes and search`,
    );
    return built - started;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bench(databaseUrl: string, cases: number, SMALL: number, liveCount: number) {
  console.log(`bulk-loading ${fmt(SMALL)} cases…`);
  await load(databaseUrl, SMALL, 1);
  let server = await spawnServer(databaseUrl);
  const small = await syncOnce(server, SMALL);
  await small.console.stop();
  rmSync(small.dir, { recursive: true, force: true });
  console.log(
    `${fmt(SMALL)} cases: synced in ${(small.report.ms / 1000).toFixed(1)} s, ` +
      `peak RSS ${small.report.peakRssMb} MB`,
  );
  await server.close();

  console.log(`bulk-loading ${fmt(cases - SMALL)} more…`);
  await load(databaseUrl, cases - SMALL, 2);
  server = await spawnServer(databaseUrl);
  try {
    const big = await syncOnce(server, cases);
    const rate = Math.round((big.report.cases * 1000) / big.report.ms);
    const list = big.report.listLatenciesMs;
    console.log(
      `${fmt(big.report.cases)} cases: synced in ${(big.report.ms / 1000).toFixed(1)} s = ` +
        `${fmt(rate)} cases/s, peak RSS ${big.report.peakRssMb} MB; ${list.length} cases.list ` +
        `calls meanwhile, p50 ${one(percentile(list, 50))} ms, p99 ${one(percentile(list, 99))} ms`,
    );
    const live = await measureLive(server, big.console, liveCount);
    console.log(
      `live: ${live.length} cases created, in the console after p50 ${percentile(live, 50)} ms, ` +
        `p99 ${percentile(live, 99)} ms`,
    );
    await big.console.stop();
    rmSync(big.dir, { recursive: true, force: true });

    const rows = await readRows(server.url);
    const rawMs = rawInsert(rows);
    const rawRate = Math.round((rows.length * 1000) / rawMs);
    console.log(
      `raw insert: ${fmt(rows.length)} rows in ${(rawMs / 1000).toFixed(1)} s = ${fmt(rawRate)} rows/s`,
    );
    return {
      cases: big.report.cases,
      cases_per_s: rate,
      raw_insert_per_s: rawRate,
      ratio_to_raw_insert: Number((rate / rawRate).toFixed(3)),
      peak_rss_mb: big.report.peakRssMb,
      peak_rss_mb_small: small.report.peakRssMb,
      small_cases: SMALL,
      rss_ratio_1m_to_100k: Number((big.report.peakRssMb / small.report.peakRssMb).toFixed(2)),
      list_p99_ms: one(percentile(list, 99)),
      live_p50_ms: percentile(live, 50),
      live_p99_ms: percentile(live, 99),
    };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const { cases, small, live } = parseOptions();
  const result = await withBenchDatabase((url) => bench(url, cases, small, live));
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error('bench:sync failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
