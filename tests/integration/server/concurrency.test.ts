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
import { rowKey } from './support/feed-entities';

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

    // Every row the reader gets, by entity and key: the cursors and, for cases, the versions.
    const seen = new Map<string, { cursors: number[]; versions: number[] }>();
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
        const key = rowKey(change);
        const entry = seen.get(key) ?? { cursors: [], versions: [] };
        entry.cursors.push(change.cursor);
        if (change.entity === 'case') entry.versions.push(change.data.version);
        seen.set(key, entry);
      }
      expect(page.end.cursor).toBeGreaterThanOrEqual(lastCursor);
      cursor = page.end.cursor;
      if (doneBeforePull && !page.end.hasMore) break;
    }
    expect(await allWritten).toBeNull();
    expect(pulls).toBeGreaterThan(10);
    // The reader ended at the head of the feed.
    const head = await writerDb.query<{ cursor: string }>('SELECT max(cursor) AS cursor FROM feed');
    expect(cursor).toBe(Number(head[0]?.cursor));

    // Every case, at its latest version.
    const final = await writerDb.query<{ id: string; version: number }>(
      'SELECT id, version FROM cases',
    );
    expect(final.length).toBe(20 + WRITERS * Math.ceil(OPS_PER_WRITER / 3));
    const seenCases = [...seen.keys()].filter((key) => key.startsWith('case:'));
    expect(seenCases.sort()).toEqual(final.map(({ id }) => `case:${id}`).sort());
    for (const { id, version } of final) {
      const versions = seen.get(`case:${id}`)?.versions ?? [];
      // Intermediate versions may be skipped (the row moved before the reader got there), but
      // every version seen is newer than the one before, and the last one is the current one.
      expect(versions, id).toEqual([...new Set(versions)].sort((a, b) => a - b));
      expect(versions[versions.length - 1], id).toBe(version);
    }

    // Every entry of the trail (the seed's and the writers' `recorded` ones) exactly once: they
    // never change, so seeing one twice would be a duplicate and missing one a lost change.
    const events = await writerDb.query<{ id: string }>('SELECT id::text AS id FROM case_events');
    expect(events.length).toBeGreaterThanOrEqual(final.length);
    const seenEvents = [...seen.entries()].filter(([key]) => key.startsWith('case_event:'));
    expect(seenEvents.map(([key]) => key).sort()).toEqual(
      events.map(({ id }) => `case_event:${id}`).sort(),
    );
    for (const [key, { cursors }] of seenEvents) expect(cursors, key).toHaveLength(1);

    // And every other row the clerk may read, each once, at the cursor it holds now.
    const rows = await writerDb.query<{ key: string; cursor: string }>(
      `SELECT entity || ':' || entity_id AS key, cursor FROM feed
        WHERE audience IN ('all', 'office') OR 'demo-clerk' = ANY(users)
           OR conversation_id IN
              (SELECT conversation_id FROM conversation_members WHERE user_id = 'demo-clerk')`,
    );
    expect([...seen.keys()].sort()).toEqual(rows.map((row) => row.key).sort());
    for (const row of rows) {
      expect(seen.get(row.key)?.cursors.at(-1), row.key).toBe(Number(row.cursor));
    }
  });
});
