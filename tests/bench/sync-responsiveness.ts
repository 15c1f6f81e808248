/**
 * How a console answers the renderer while its initial sync runs: the server (own process, on
 * PostgreSQL) holds `--cases` cases; a fresh console database syncs them all while a contract
 * call (`cases.list`, the queue's first page) is made every 10 ms. A call's latency counts from
 * when it was due, so time spent waiting behind a page being applied counts too. Measured with
 * pages applied on the pull worker (the app) and, as the baseline, on the main thread.
 * Run with `npm run bench:sync [-- --cases N]`; the last line is one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { casesListInputSchema, type SyncStatus } from '../../src/shared/contract';
import { listCases } from '../../src/main/cases/list';
import { openDatabase } from '../../src/main/db/connection';
import { SyncEngine } from '../../src/main/sync/engine';
import { InThreadRunner } from '../../src/main/sync/pull-runner';
import { ServerSession } from '../../src/main/sync/session';
import { ensureOffenceCatalogue } from '../../src/server/cases/offences';
import { bulkLoadCases } from '../../src/server/sim/bulk';
import { openStore } from '../../src/server/store/open';
import { demoLogin, seedDemoData } from '../../src/server/store/seed';
import { withBenchDatabase } from './support/bench-db';
import { spawnServer } from './support/spawn-server';

const PROBE_EVERY_MS = 10;

function parseOptions(): { cases: number } {
  const { values } = parseArgs({ options: { cases: { type: 'string' } }, strict: true });
  const cases = values.cases === undefined ? 100_000 : Number(values.cases);
  if (!Number.isSafeInteger(cases) || cases < 1) {
    throw new Error(`--cases needs a whole number ≥ 1, got "${values.cases}"`);
  }
  return { cases };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Number(n.toFixed(1));

async function load(databaseUrl: string, cases: number): Promise<void> {
  const db = await openStore({ databaseUrl });
  try {
    await ensureOffenceCatalogue(db);
    await seedDemoData(db, null, { cases: 0 });
    await bulkLoadCases(db, { count: cases, seed: 3 });
  } finally {
    await db.close();
  }
}

interface Run {
  syncS: number;
  rowsPerS: number;
  calls: number;
  p50: number;
  p95: number;
  max: number;
}

async function syncWhileCalling(serverUrl: string, worker: boolean, cases: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-bench-sync-'));
  const db = openDatabase(join(dir, 'console.sqlite'));
  const session = new ServerSession(serverUrl, demoLogin('clerk'));
  const input = casesListInputSchema.parse({ offset: 0, limit: 100 });
  const latencies: number[] = [];
  let done: (status: SyncStatus) => void = () => undefined;
  const finished = new Promise<SyncStatus>((resolve) => (done = resolve));
  const engine = new SyncEngine({
    db,
    session,
    ...(worker ? {} : { runner: new InThreadRunner(db) }),
    onStatus: (status) => {
      if (status.state === 'idle' && status.caseCount >= cases) done(status);
    },
    onChanged: () => undefined,
  });
  let probing = true;
  // Each call is due 10 ms after the previous one answered: a late call delays the next rather
  // than piling them up, so each latency is that one call's wait.
  const probe = () => {
    const due = performance.now() + PROBE_EVERY_MS;
    setTimeout(() => {
      if (!probing) return;
      listCases(db, input);
      latencies.push(performance.now() - due);
      probe();
    }, PROBE_EVERY_MS);
  };
  const started = performance.now();
  engine.start();
  probe();
  const status = await finished;
  const ms = performance.now() - started;
  probing = false;
  await engine.stop();
  session.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const sorted = latencies.sort((a, b) => a - b);
  return {
    syncS: round(ms / 1000),
    rowsPerS: Math.round((status.caseCount * 1000) / ms),
    calls: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? 0),
  };
}

async function main(): Promise<void> {
  const { cases } = parseOptions();
  const result = await withBenchDatabase(async (databaseUrl) => {
    console.log(`bulk-loading ${cases.toLocaleString('en')} cases…`);
    await load(databaseUrl, cases);
    const server = await spawnServer(databaseUrl);
    try {
      const report = (name: string, run: Run) =>
        console.log(
          `${name}: synced in ${run.syncS} s (${run.rowsPerS.toLocaleString('en')} cases/s); ` +
            `${run.calls} calls, latency p50 ${run.p50} ms, p95 ${run.p95} ms, max ${run.max} ms`,
        );
      const main = await syncWhileCalling(server.url, false, cases);
      report('pages applied on the main thread (baseline)', main);
      const worker = await syncWhileCalling(server.url, true, cases);
      report('pages applied on the pull worker', worker);
      return {
        cases,
        call_p95_ms: worker.p95,
        call_max_ms: worker.max,
        sync_s: worker.syncS,
        baseline_call_p95_ms: main.p95,
        baseline_call_max_ms: main.max,
        baseline_sync_s: main.syncS,
        ratio_p95_to_baseline: Number((worker.p95 / main.p95).toFixed(3)),
      };
    } finally {
      await server.close();
    }
  });
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error('bench:sync failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
