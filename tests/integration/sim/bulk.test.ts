import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/server/index';
import { ensureOffenceCatalogue } from '../../../src/server/cases/offences';
import { feedPageLines } from '../../../src/server/feed/read';
import { readFeedState } from '../../../src/server/feed/state';
import { bulkLoadCases } from '../../../src/server/sim/bulk';
import type { SqlClient } from '../../../src/server/store/client';
import { openStore, type StoreOptions } from '../../../src/server/store/open';
import { seedDemoData } from '../../../src/server/store/seed';
import { caseRecordSchema } from '../../../src/shared/domain/case';
import { feedLineSchema, type FeedChange, type FeedEnd } from '../../../src/shared/sync/feed';
import { readWholeFeed, tokenFor } from '../server/support/client';
import { availableTargets } from '../server/support/databases';

const CASES = 5000;
const targets = await availableTargets();

/** The office sees every case; the bulk load is checked through a clerk's eyes. */
const CLERK = { userId: 'demo-clerk', office: true };

/** Only the cases: the seed also puts the directory and its channels on the feed. */
function caseChanges(changes: readonly FeedChange[]): FeedChange[] {
  return changes.filter((change) => change.entity === 'case');
}

/** Pulls one page through the same code the route streams, every line checked. */
async function pullPage(db: SqlClient, cursor: number, limit: number) {
  let text = '';
  const { epoch } = await readFeedState(db);
  const epochs = { expected: epoch, end: epoch };
  for await (const part of feedPageLines(db, CLERK, cursor, limit, epochs)) text += part;
  const lines = text
    .slice(0, -1)
    .split('\n')
    .map((line) => feedLineSchema.parse(JSON.parse(line)));
  const end = lines.pop();
  if (end?.kind !== 'end') throw new Error('page without its end line');
  return { changes: lines as FeedChange[], end: end as FeedEnd };
}

function expectEachCaseOnce(changes: readonly FeedChange[], count: number): void {
  const records = changes.map((change) => {
    if (change.op !== 'upsert') throw new Error('unexpected delete');
    return caseRecordSchema.parse(change.data);
  });
  expect(new Set(records.map((record) => record.id)).size).toBe(count);
  expect(new Set(records.map((record) => record.fileNumber)).size).toBe(count);
  const cursors = changes.map((change) => change.cursor);
  expect(cursors.every((cursor, i) => i === 0 || cursor > (cursors[i - 1] ?? 0))).toBe(true);
}

describe.each(targets)('bulk load on $name', (target) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A fresh database with users and catalogue; PGlite in a folder so a server can reopen it. */
  async function freshStore(): Promise<{ store: StoreOptions; db: SqlClient }> {
    const database = await target.create();
    cleanups.push(database.drop);
    let store: StoreOptions;
    if (database.databaseUrl) store = { databaseUrl: database.databaseUrl };
    else {
      const dataDir = await mkdtemp(join(tmpdir(), 'kvue-bulk-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      store = { dataDir };
    }
    const db = await openStore(store);
    cleanups.push(() => db.close());
    await ensureOffenceCatalogue(db);
    await seedDemoData(db, null, { cases: 0 });
    return { store, db };
  }

  it('puts every case on the feed exactly once, served by the real route', async () => {
    const { store, db } = await freshStore();
    const result = await bulkLoadCases(db, { count: CASES, batchSize: 1200, seed: 7 });
    expect(result.inserted).toBe(CASES);
    // The same seed again adds nothing: ids already present are skipped, feed included.
    const again = await bulkLoadCases(db, { count: 100, batchSize: 1200, seed: 7 });
    expect(again.inserted).toBe(0);
    await db.close();

    const server = await startServer(store);
    cleanups.push(() => server.close());
    const clerk = await tokenFor(server.url, 'demo.clerk');
    const feed = await readWholeFeed(server.url, clerk, 0, 5000);
    const cases = caseChanges(feed.changes);
    expect(cases).toHaveLength(CASES);
    expect(feed.cursor).toBe(result.cursor);
    expectEachCaseOnce(cases, CASES);
  });

  it('misses nothing for a reader pulling the feed while the load runs', async () => {
    const { db } = await freshStore();
    let loading = true;
    const load = bulkLoadCases(db, { count: CASES, batchSize: 250 }).finally(() => {
      loading = false;
    });
    const changes: FeedChange[] = [];
    let cursor = 0;
    let pulls = 0;
    // Pull until the load has finished and a page after that comes back complete.
    for (let finished = false; !finished;) {
      const done = !loading;
      const page = await pullPage(db, cursor, 300);
      pulls++;
      changes.push(...caseChanges(page.changes));
      cursor = page.end.cursor;
      finished = done && !page.end.hasMore;
    }
    const result = await load;
    expect(result.inserted).toBe(CASES);
    expect(pulls).toBeGreaterThan(2);
    expect(changes).toHaveLength(CASES);
    expectEachCaseOnce(changes, CASES);
    const stored = await db.query<{ id: string }>('SELECT id FROM cases');
    expect(
      new Set(
        changes.map((change) =>
          change.op === 'upsert' && change.entity === 'case' ? change.data.id : '',
        ),
      ),
    ).toEqual(new Set(stored.map((row) => row.id)));
  });
});
