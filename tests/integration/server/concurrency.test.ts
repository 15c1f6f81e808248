import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../../src/shared/domain/case';
import { createCase } from '../../../src/server/cases/create';
import { setCaseStatus } from '../../../src/server/cases/update';
import { appendChanges } from '../../../src/server/feed/append';
import type { FeedRecorder, PendingChange } from '../../../src/server/feed/types';
import type { SqlClient, SqlExecutor } from '../../../src/server/store/client';
import { openStore } from '../../../src/server/store/open';
import { postgresTarget, postgresUnavailable } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import { newCase, readFeedPage, tokenFor } from './support/client';

const WRITERS = 6;
const OPS_PER_WRITER = 30;
const STATUSES: CaseStatus[] = ['open', 'disputed', 'decided', 'closed'];

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`Skipping the feed concurrency test: ${unavailable}`);

/**
 * One write transaction that holds its cursor a little before committing, as a slow writer
 * would. Without the feed lock, a later-numbered change would commit first and a reader would
 * step past the earlier number for good.
 */
async function slowWrite(
  db: SqlClient,
  write: (tx: SqlExecutor, feed: FeedRecorder) => Promise<unknown>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const pending: PendingChange[] = [];
    await write(tx, { record: (change) => pending.push(change) });
    await appendChanges(tx, pending);
    await tx.query('SELECT pg_sleep($1)', [Math.random() * 0.008]);
  });
}

describe.skipIf(unavailable !== null)('feed with concurrent writers on postgres', () => {
  let t: TestServer;
  let writerDb: SqlClient;

  beforeAll(async () => {
    t = await startTestServer(postgresTarget, 20);
    if (!t.databaseUrl) throw new Error('postgres target without a URL');
    // A second pool, as a second server process would have: the writers share nothing in memory.
    writerDb = await openStore({ databaseUrl: t.databaseUrl });
  });
  afterAll(async () => {
    await writerDb?.close();
    await t?.stop();
  });

  it('gives a reader pulling all the while every change exactly once, ending at the latest versions', async () => {
    const url = t.server.url;
    const clerk = await tokenFor(url, 'demo.clerk');
    const knownIds = (await writerDb.query<{ id: string }>('SELECT id FROM cases')).map(
      (r) => r.id,
    );

    let writersDone = false;
    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      for (let op = 0; op < OPS_PER_WRITER; op++) {
        if (op % 3 === 0) {
          let created = '';
          await slowWrite(writerDb, async (tx, feed) => {
            const { record } = await createCase(tx, feed, `officer-0${writer + 1}`, newCase());
            created = record.id;
          });
          // Only committed cases become update targets for the other writers.
          knownIds.push(created);
        } else {
          const id = knownIds[Math.floor(Math.random() * knownIds.length)] ?? '';
          const status = STATUSES[(writer + op) % STATUSES.length] ?? 'open';
          await slowWrite(writerDb, (tx, feed) => setCaseStatus(tx, feed, id, status));
        }
      }
    });
    // Settled rather than rejected, so a failing writer is reported after the reader stops.
    const allWritten = Promise.all(writers).then(
      () => null,
      (error: unknown) => error,
    );
    void allWritten.finally(() => {
      writersDone = true;
    });

    const seen = new Map<string, number[]>();
    let cursor = 0;
    let lastCursor = 0;
    let pulls = 0;
    for (;;) {
      const doneBeforePull = writersDone;
      const page = await readFeedPage(url, clerk, cursor, 7);
      pulls++;
      for (const change of page.changes) {
        expect(change.cursor).toBeGreaterThan(lastCursor);
        lastCursor = change.cursor;
        if (change.op !== 'upsert') throw new Error('no deletes were written');
        seen.set(change.data.id, [...(seen.get(change.data.id) ?? []), change.data.version]);
      }
      cursor = page.end.cursor;
      if (doneBeforePull && !page.end.hasMore) break;
    }
    expect(await allWritten).toBeNull();
    expect(pulls).toBeGreaterThan(10);

    const final = await writerDb.query<{ id: string; version: number }>(
      'SELECT id, version FROM cases',
    );
    expect(seen.size).toBe(final.length);
    for (const { id, version } of final) {
      const versions = seen.get(id) ?? [];
      // Intermediate versions may be skipped (the row moved before the reader got there), but
      // every version seen is newer than the one before, and the last one is the current one.
      expect(versions, id).toEqual([...new Set(versions)].sort((a, b) => a - b));
      expect(versions[versions.length - 1], id).toBe(version);
    }
  });
});
