/**
 * Feed throughput on PostgreSQL: bulk-load cases, then stream the whole feed through
 * `GET /sync/feed` as a client would (the server in its own process), against a plain streamed SELECT of the same rows.
 * Run with `npm run bench:server [-- --cases N]`; the last line is one JSON object.
 */
import { parseArgs } from 'node:util';
import { ensureOffenceCatalogue } from '../../src/server/cases/offences';
import { bulkLoadCases } from '../../src/server/sim/bulk';
import { openStore } from '../../src/server/store/open';
import { demoLogin, seedDemoData } from '../../src/server/store/seed';
import { withBenchDatabase } from './support/bench-db';
import { readWholeFeed } from './support/feed-client';
import { streamSelect } from './support/select-baseline';
import { spawnServer } from './support/spawn-server';

const DEFAULT_CASES = 1_000_000;

function parseCases(): number {
  const { values } = parseArgs({ options: { cases: { type: 'string' } }, strict: true });
  if (values.cases === undefined) return DEFAULT_CASES;
  const cases = Number(values.cases);
  if (!Number.isSafeInteger(cases) || cases < 1) {
    throw new Error(`--cases needs a whole number ≥ 1, got "${values.cases}"`);
  }
  return cases;
}

const perSecond = (rows: number, ms: number) => Math.round((rows * 1000) / ms);
const fmt = (n: number) => n.toLocaleString('en');

async function load(databaseUrl: string, cases: number): Promise<number> {
  const db = await openStore({ databaseUrl });
  try {
    await ensureOffenceCatalogue(db);
    await seedDemoData(db, null, { cases: 0 });
    const result = await bulkLoadCases(db, { count: cases, seed: 1 });
    if (result.inserted !== cases) throw new Error(`loaded ${result.inserted} of ${cases}`);
    // Both readers then find the same settled table (hint bits set, statistics fresh).
    await db.exec('VACUUM (ANALYZE) feed');
    return result.ms / 1000;
  } finally {
    await db.close();
  }
}

async function bench(databaseUrl: string, cases: number) {
  console.log(`bulk-loading ${fmt(cases)} cases…`);
  const loadS = await load(databaseUrl, cases);
  console.log(`  loaded in ${loadS.toFixed(1)} s (${fmt(Math.round(cases / loadS))} cases/s)`);

  const select = await streamSelect(databaseUrl);
  const selectRate = perSecond(select.rows, select.ms);
  console.log(
    `plain streamed SELECT: ${fmt(select.rows)} rows in ${(select.ms / 1000).toFixed(2)} s` +
      ` = ${fmt(selectRate)} rows/s`,
  );

  // The server runs in a process of its own, as it does in production: the client's line
  // parsing here must not take CPU time from the server's thread.
  const server = await spawnServer(databaseUrl);
  try {
    const { username, password } = demoLogin('clerk');
    const response = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (response.status !== 200) throw new Error(`login answered ${response.status}`);
    const { accessToken } = (await response.json()) as { accessToken: string };

    const started = performance.now();
    const feed = await readWholeFeed(server.url, accessToken);
    const ms = performance.now() - started;
    if (feed.rows !== select.rows) {
      throw new Error(`feed delivered ${feed.rows} rows, the table holds ${select.rows}`);
    }
    const rate = perSecond(feed.rows, ms);
    console.log(
      `GET /sync/feed: ${fmt(feed.rows)} rows in ${feed.pages} pages, ` +
        `${(feed.bytes / 1e6).toFixed(0)} MB in ${(ms / 1000).toFixed(2)} s = ${fmt(rate)} rows/s`,
    );
    const ratio = rate / selectRate;
    console.log(`ratio to plain SELECT: ${ratio.toFixed(2)} (targets: ≥ 200,000 rows/s, ≥ 0.5)`);
    return {
      rows: feed.rows,
      rows_per_s: rate,
      select_rows_per_s: selectRate,
      ratio_to_select: Number(ratio.toFixed(3)),
      load_s: Number(loadS.toFixed(1)),
    };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const cases = parseCases();
  const result = await withBenchDatabase((databaseUrl) => bench(databaseUrl, cases));
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error('bench:server failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
