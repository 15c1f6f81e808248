/**
 * Feed throughput on PostgreSQL: bulk-load cases, then stream the whole feed through
 * `GET /sync/feed` as a clerk's client would (the server in its own process), against a plain
 * streamed SELECT of the same rows. Both are measured `--rounds` times, alternately, and the best
 * of each counts: the machine may be busy with other work now and then.
 * Run with `npm run bench:server [-- --cases N --rounds N]`; the last line is one JSON object.
 */
import { parseArgs } from 'node:util';
import { ensureOffenceCatalogue } from '../../src/server/cases/offences';
import { visibleToViewer } from '../../src/server/feed/read';
import { bulkLoadCases } from '../../src/server/sim/bulk';
import { openStore } from '../../src/server/store/open';
import { demoLogin, seedDemoData } from '../../src/server/store/seed';
import { isOfficeRole, type User } from '../../src/shared/domain/user';
import { withBenchDatabase } from './support/bench-db';
import { readWholeFeed } from './support/feed-client';
import { streamSelect } from './support/select-baseline';
import { spawnServer } from './support/spawn-server';

const DEFAULT_CASES = 1_000_000;
const DEFAULT_ROUNDS = 2;

function parseOptions(): { cases: number; rounds: number } {
  const { values } = parseArgs({
    options: { cases: { type: 'string' }, rounds: { type: 'string' } },
    strict: true,
  });
  const count = (name: 'cases' | 'rounds', fallback: number) => {
    const text = values[name];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new Error(`--${name} needs a whole number ≥ 1, got "${text}"`);
    }
    return n;
  };
  return { cases: count('cases', DEFAULT_CASES), rounds: count('rounds', DEFAULT_ROUNDS) };
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
    // Both readers then find the same settled table (hint bits set, statistics fresh), and no
    // write-back of the load still going on (CHECKPOINT needs a superuser; without, it is left).
    await db.exec('VACUUM (ANALYZE) feed');
    await db.exec('CHECKPOINT').catch(() => undefined);
    return result.ms / 1000;
  } finally {
    await db.close();
  }
}

async function login(url: string): Promise<{ accessToken: string; user: User }> {
  const { username, password } = demoLogin('clerk');
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login answered ${response.status}`);
  return (await response.json()) as { accessToken: string; user: User };
}

async function bench(databaseUrl: string, cases: number, rounds: number) {
  console.log(`bulk-loading ${fmt(cases)} cases…`);
  const loadS = await load(databaseUrl, cases);
  console.log(`  loaded in ${loadS.toFixed(1)} s (${fmt(Math.round(cases / loadS))} cases/s)`);

  // The server runs in a process of its own, as it does in production: the client's line
  // parsing here must not take CPU time from the server's thread.
  const server = await spawnServer(databaseUrl);
  try {
    const { accessToken, user } = await login(server.url);
    // The baseline reads the rows this clerk's feed holds, by the feed's own condition.
    const visible = visibleToViewer({ userId: user.id, office: isOfficeRole(user.role) });
    let selectMs = Infinity;
    let feedMs = Infinity;
    let rows = 0;
    for (let round = 1; round <= rounds; round++) {
      const select = await streamSelect(databaseUrl, visible);
      selectMs = Math.min(selectMs, select.ms);
      console.log(
        `plain streamed SELECT: ${fmt(select.rows)} rows in ${(select.ms / 1000).toFixed(2)} s` +
          ` = ${fmt(perSecond(select.rows, select.ms))} rows/s`,
      );

      const started = performance.now();
      const feed = await readWholeFeed(server.url, accessToken);
      const ms = performance.now() - started;
      feedMs = Math.min(feedMs, ms);
      if (feed.rows !== select.rows) {
        throw new Error(`feed delivered ${feed.rows} rows, the SELECT ${select.rows}`);
      }
      rows = feed.rows;
      console.log(
        `GET /sync/feed: ${fmt(feed.rows)} rows in ${feed.pages} pages, ` +
          `${(feed.bytes / 1e6).toFixed(0)} MB in ${(ms / 1000).toFixed(2)} s = ` +
          `${fmt(perSecond(feed.rows, ms))} rows/s`,
      );
    }
    const rate = perSecond(rows, feedMs);
    const selectRate = perSecond(rows, selectMs);
    const ratio = rate / selectRate;
    console.log(
      `best of ${rounds}: feed ${fmt(rate)} rows/s, SELECT ${fmt(selectRate)} rows/s, ` +
        `ratio ${ratio.toFixed(2)} (targets: ≥ 200,000 rows/s, ≥ 0.5)`,
    );
    return {
      rows,
      rows_per_s: rate,
      select_rows_per_s: selectRate,
      ratio_to_select: Number(ratio.toFixed(3)),
      load_s: Number(loadS.toFixed(1)),
      rounds,
    };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const { cases, rounds } = parseOptions();
  const result = await withBenchDatabase((databaseUrl) => bench(databaseUrl, cases, rounds));
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error('bench:server failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
