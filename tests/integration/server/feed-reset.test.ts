import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminUsageError, parseAdminArgs } from '../../../src/server/feed/admin-args';
import { EpochChangedError, feedPageLines } from '../../../src/server/feed/read';
import { readFeedState } from '../../../src/server/feed/state';
import type { SqlClient } from '../../../src/server/store/client';
import { openStore } from '../../../src/server/store/open';
import { seedDemoData } from '../../../src/server/store/seed';
import { ensureOffenceCatalogue } from '../../../src/server/cases/offences';
import { FEED_RESET_CODE, feedEpochSchema } from '../../../src/shared/sync/feed';
import { fetchFeed, feedUrl, readFeedPage, readWholeFeed, tokenFor } from './support/client';
import { availableTargets } from './support/databases';
import { rowKey } from './support/feed-entities';
import {
  caseWithTombstone,
  foldFeed,
  PokeLog,
  runFeedAdmin,
  simulatedInbox,
} from './support/feed-reset';
import { startTestServer, type TestServer } from './support/server';

/** The 410 answer: exactly the error body, nothing of the feed. */
async function expectReset(response: Response): Promise<void> {
  expect(response.status).toBe(410);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(await response.text());
  expect(body).toEqual({
    error: { code: FEED_RESET_CODE, message: expect.stringMatching(/from cursor 0/) },
  });
}

/** Feed epochs, resets and compaction (src/server/feed/state.ts) as readers meet them. */
describe.each(await availableTargets())('feed reset and compaction on $name', (target) => {
  let t: TestServer;
  let url: string;
  let clerk: string;
  let officer: string;

  beforeAll(async () => {
    t = await startTestServer(target, 30);
    url = t.server.url;
    [clerk, officer] = await Promise.all([
      tokenFor(url, 'demo.clerk'),
      tokenFor(url, 'officer.huber'),
    ]);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('names the epoch in every end line, and a reader of that epoch resumes normally', async () => {
    const first = await readFeedPage(url, clerk, 0, 7);
    expect(feedEpochSchema.safeParse(first.end.epoch).success).toBe(true);
    const next = await readFeedPage(url, clerk, first.end.cursor, 7, first.end.epoch);
    expect(next.end.epoch).toBe(first.end.epoch);
    expect(next.changes[0]?.cursor).toBeGreaterThan(first.end.cursor);

    const unpaged = await readWholeFeed(url, clerk);
    const paged = await readWholeFeed(url, clerk, 0, 7);
    expect(paged.pages).toBeGreaterThan(3);
    expect(paged.changes).toEqual(unpaged.changes);
    expect(paged.epoch).toBe(first.end.epoch);
    // An empty page at the head carries it too.
    const empty = await readFeedPage(url, officer, unpaged.cursor, 10, paged.epoch);
    expect(empty.end).toEqual({
      kind: 'end',
      cursor: unpaged.cursor,
      hasMore: false,
      epoch: paged.epoch,
    });
  });

  it('refuses an epoch query that is not one, naming the field', async () => {
    for (const epoch of ['../x', 'e'.repeat(65), '', 'ab cd', 'ä']) {
      const response = await fetch(feedUrl(url, { cursor: 0, epoch }), {
        headers: { authorization: `Bearer ${clerk}` },
      });
      expect(response.status, JSON.stringify(epoch)).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { code: 'invalid_input', field: 'epoch' },
      });
    }
  });

  it('after a reset answers the old epoch 410 and nothing else; a read from 0 gets the new epoch and every row', async () => {
    const before = await readWholeFeed(url, clerk, 0, 50);
    const live = await PokeLog.open(url, officer);
    try {
      const reset = await t.server.resetFeed('schema change in the test');
      expect(reset.replacedEpoch).toBe(before.epoch);
      expect(reset.epoch).not.toBe(before.epoch);
      expect(feedEpochSchema.safeParse(reset.epoch).success).toBe(true);
      // Live consoles pull at once: consoles pull only when poked beyond their own cursor.
      expect(await live.above(before.cursor)).toBe(reset.pokeCursor);
    } finally {
      live.close();
    }

    await expectReset(await fetchFeed(url, clerk, before.cursor, 50, before.epoch));
    await expectReset(await fetchFeed(url, officer, 1, 50, before.epoch));
    await expectReset(await fetchFeed(url, clerk, before.cursor, 50, 'some-other-epoch'));

    const again = await readWholeFeed(url, clerk, 0, 50);
    const { epoch } = await readFeedPage(url, clerk, 0, 1).then((page) => page.end);
    expect(again.epoch).toBe(epoch);
    expect(again.epoch).not.toBe(before.epoch);
    expect(again.changes).toEqual(before.changes);
    // A read from 0 is never refused, whatever epoch it names.
    expect((await readFeedPage(url, clerk, 0, 5, before.epoch)).end.epoch).toBe(epoch);
    // A client from before epochs is judged by its cursor alone.
    expect((await readFeedPage(url, clerk, before.cursor, 50)).end.epoch).toBe(epoch);

    await expect(t.server.resetFeed('   ')).rejects.toThrow(/reason/);
  });

  it("lets the field simulator's officer read the feed again after a reset", async () => {
    const sim = simulatedInbox(url, 'officer.bauer');
    try {
      const head = (await readWholeFeed(url, await tokenFor(url, 'officer.bauer'))).cursor;
      await sim.inbox.pull();
      expect(sim.inbox.cursor).toBe(head);
      const reset = await t.server.resetFeed('the simulator in the test');
      sim.requests.length = 0;
      await sim.inbox.pull();
      expect(sim.requests.map((r) => [r.cursor, r.status])).toEqual([
        [String(head), 410],
        ['0', 200],
      ]);
      expect(sim.inbox.cursor).toBe(head);
      // It sends the epoch it was last told: the new one from now on.
      await sim.inbox.pull();
      expect(sim.requests.at(-1)).toEqual({
        cursor: String(head),
        epoch: reset.epoch,
        status: 200,
      });
    } finally {
      sim.stop();
    }
  });

  it('after compaction sends readers below the cursor back to 0, lets the others go on, and keeps every live row', async () => {
    const old = await readWholeFeed(url, clerk);
    const oldOfficer = await readWholeFeed(url, officer);
    const compacted: string[] = [];
    for (let i = 0; i < 3; i++) compacted.push(await caseWithTombstone(url, officer, clerk));
    const atCut = await readWholeFeed(url, clerk, old.cursor, 1000, old.epoch);
    const upTo = atCut.cursor;
    const kept = await caseWithTombstone(url, officer, clerk);
    const everything = await readWholeFeed(url, clerk);
    const tombstones = everything.changes.filter((c) => c.op === 'delete' && c.cursor <= upTo);
    expect(tombstones.map((c) => rowKey(c)).sort()).toEqual(
      compacted.map((id) => `claim:${id}`).sort(),
    );

    const live = await PokeLog.open(url, clerk);
    const compaction = await t.server.compactFeed(upTo);
    try {
      // After the reset, this is the epoch's first compaction.
      expect(compaction).toMatchObject({
        deleted: 3,
        historyFrom: upTo,
        replacedEpoch: old.epoch,
        epoch: `${old.epoch}-1`,
      });
      expect(await live.above(everything.cursor)).toBe(compaction?.pokeCursor);
    } finally {
      live.close();
    }
    const epoch = compaction?.epoch ?? '';

    // Below the cursor: refused, with the old epoch, without one, and the officer's feed too.
    await expectReset(await fetchFeed(url, clerk, old.cursor, 1000, old.epoch));
    await expectReset(await fetchFeed(url, clerk, old.cursor, 1000));
    await expectReset(await fetchFeed(url, officer, oldOfficer.cursor, 1000, oldOfficer.epoch));
    await expectReset(await fetchFeed(url, clerk, upTo - 1, 1000, old.epoch));

    // At or above it: goes on under the epoch it holds (consoles take any other epoch in an end
    // line for a reset), and sees the tombstone after the cut.
    const onward = await readWholeFeed(url, clerk, atCut.cursor, 1000, atCut.epoch);
    expect(onward.epoch).toBe(atCut.epoch);
    expect(onward.changes.some((c) => c.op === 'delete' && c.id === kept)).toBe(true);
    expect(onward.changes).toEqual(everything.changes.filter((c) => c.cursor > upTo));
    // A client that sends no epoch is judged by its cursor and told the current one.
    expect((await readFeedPage(url, clerk, upTo, 1000)).end.epoch).toBe(epoch);

    // From 0, in small pages through the old cursors: never sent back, exactly the latest state.
    const fresh = await readWholeFeed(url, clerk, 0, 7);
    expect(fresh.pages).toBeGreaterThan(5);
    expect(fresh.epoch).toBe(epoch);
    expect(fresh.changes.filter((c) => c.op === 'delete' && c.cursor <= upTo)).toEqual([]);
    expect(new Set(fresh.changes.map(rowKey)).size).toBe(fresh.changes.length);
    expect(foldFeed(fresh.changes)).toEqual(foldFeed(everything.changes));
    expect(fresh.changes).toEqual(
      everything.changes.filter((c) => !(c.op === 'delete' && c.cursor <= upTo)),
    );

    // Nothing left to do below the cursor; beyond the head is refused.
    expect(await t.server.compactFeed(upTo)).toBeNull();
    await expect(t.server.compactFeed(fresh.cursor + 1_000_000)).rejects.toThrow(/beyond/);
    await expect(t.server.compactFeed(0)).rejects.toThrow(/≥ 1/);
  });

  it('judges readers of earlier compactions by their cursor, however many compactions ago', async () => {
    const early = await readWholeFeed(url, clerk);
    // Someone starting from 0 now, a few pages in when the next compaction comes.
    const midway = await readFeedPage(url, clerk, 0, 5, early.epoch);
    expect(midway.end.epoch).toBe(early.epoch);
    await caseWithTombstone(url, officer, clerk);
    const first = await t.server.compactFeed((await readWholeFeed(url, clerk)).cursor);
    await caseWithTombstone(url, officer, clerk);
    const head = (await readWholeFeed(url, clerk)).cursor;
    const second = await t.server.compactFeed(head);
    expect(second?.generation).toBe((first?.generation ?? 0) + 1);
    expect(second?.epoch).toBe(`${second?.base}-${second?.generation}`);

    await expectReset(await fetchFeed(url, clerk, early.cursor, 10, early.epoch));
    await expectReset(await fetchFeed(url, clerk, midway.end.cursor, 5, midway.end.epoch));
    // At the head, two compactions later: nothing was removed after its cursor.
    const page = await readFeedPage(url, clerk, head, 10, early.epoch);
    expect(page.end.epoch).toBe(early.epoch);
    expect((await readFeedPage(url, clerk, head, 10, first?.epoch)).end.epoch).toBe(first?.epoch);
    // Generations the feed never had are other epochs.
    await expectReset(await fetchFeed(url, clerk, head, 10, `${second?.base}-99`));
    await expectReset(await fetchFeed(url, clerk, head, 10, `${second?.base}-0`));
  });

  describe('the page itself', () => {
    let db: SqlClient;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const database = await target.create();
      drop = database.drop;
      db = await openStore(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {});
      await ensureOffenceCatalogue(db);
      await seedDemoData(db, null, { cases: 5 });
    });
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    const clerkViewer = { userId: 'demo-clerk', office: true };
    const readPage = async (expected: string, end = expected) => {
      let text = '';
      for await (const part of feedPageLines(db, clerkViewer, 0, 3, { expected, end })) {
        text += part;
      }
      return text;
    };

    it('starts with one feed_state row whose epoch passes the shared schema', async () => {
      const rows = await db.query<{ id: number }>('SELECT id FROM feed_state');
      expect(rows).toEqual([{ id: 1 }]);
      await expect(db.query('INSERT INTO feed_state (id) VALUES (2)')).rejects.toThrow();
      const state = await readFeedState(db);
      expect(feedEpochSchema.safeParse(state.epoch).success).toBe(true);
      expect(state).toMatchObject({ historyFrom: 0, generation: 0, base: state.epoch });
    });

    it('ends with the epoch its own snapshot saw, and fails rather than ends when that is another', async () => {
      const { epoch } = await readFeedState(db);
      const text = await readPage(epoch);
      expect(text.trimEnd().split('\n').pop()).toMatch(`"epoch":"${epoch}"}`);
      // The end line names the reader's epoch, which may be an earlier generation's.
      const echoed = await readPage(epoch, `${epoch}-7`);
      expect(echoed.trimEnd().split('\n').pop()).toMatch(`"epoch":"${epoch}-7"}`);
      // As if a reset or compaction committed between the route's check and the page.
      await expect(readPage('checked-before-the-change')).rejects.toBeInstanceOf(EpochChangedError);
    });
  });

  describe('npm run feed:admin', () => {
    const env = (): Record<string, string> =>
      t.databaseUrl ? { DATABASE_URL: t.databaseUrl } : { KVUE_DATA_DIR: dataDir };
    let dataDir = '';

    beforeAll(async () => {
      if (t.databaseUrl) return;
      // PGlite: a folder of its own, since the server's in-memory database is out of reach.
      dataDir = await mkdtemp(join(tmpdir(), 'kvue-feed-admin-'));
      const db = await openStore({ dataDir });
      await ensureOffenceCatalogue(db);
      await seedDemoData(db, null, { cases: 3 });
      await db.close();
    });
    afterAll(async () => {
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('resets and compacts the store the server uses, and says what it did', async () => {
      // On PostgreSQL the server runs on the same database, and leaves a tombstone to compact.
      if (t.databaseUrl) await caseWithTombstone(url, officer, clerk);
      const status = await runFeedAdmin(['status'], env());
      expect(status.stderr).toBe('');
      expect(status.code).toBe(0);
      const epoch = /^epoch: (\S+)$/m.exec(status.stdout)?.[1] ?? '';
      const head = Number(/^head: (\d+)$/m.exec(status.stdout)?.[1]);
      expect(head).toBeGreaterThan(0);

      const reset = await runFeedAdmin(['reset', '--reason', 'restored backup'], env());
      expect(reset.code).toBe(0);
      expect(reset.stdout).toMatch(new RegExp(`feed reset: epoch \\S+ replaces ${epoch}`));
      expect(reset.stdout).toMatch(/reason: restored backup/);
      if (t.databaseUrl) {
        // The server on the same PostgreSQL refuses the old epoch from now on.
        await expectReset(await fetchFeed(url, clerk, 1, 10, epoch));
      }

      const beyond = await runFeedAdmin(['compact', '--up-to', String(head + 1_000_000)], env());
      expect(beyond.code).toBe(2);
      expect(beyond.stderr).toMatch(/beyond the feed's head/);
      const compact = await runFeedAdmin(['compact', '--up-to', String(head)], env());
      expect(compact.stderr).toBe('');
      expect(compact.code).toBe(0);
      const removed = t.databaseUrl ? '1 tombstone' : '0 tombstones';
      expect(compact.stdout).toMatch(
        `feed compacted up to cursor ${head} (head ${head}): ${removed} removed`,
      );
      const again = await runFeedAdmin(['compact', '--up-to', String(head)], env());
      expect(again.stdout).toMatch(/Nothing to compact/);
    });

    it('refuses bad arguments with status 2, the reason and the usage', async () => {
      const run = await runFeedAdmin(['compact', '--up-to', 'abc'], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--up-to needs a feed cursor.*"abc"/);
      expect(run.stderr).toMatch(/usage:\n {2}npm run feed:admin -- reset --reason TEXT/);
      expect(run.stderr).toMatch(/can't be opened while the server runs/);
      const help = await runFeedAdmin(['--help'], {});
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^usage:/);
      const missing = await runFeedAdmin(['status'], {
        KVUE_DATA_DIR: join(tmpdir(), 'kvue-none'),
      });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/no PGlite database in/);
    });

    it.each([
      [[], /Name a command: reset, compact, status/],
      [['vacuum'], /Unknown command "vacuum"/],
      [['reset'], /reset needs --reason/],
      [['reset', '--reason', '  '], /reset needs --reason/],
      [['reset', '--reason', 'x'.repeat(501)], /longer than 500/],
      [['reset', '--reason', 'x', '--up-to', '5'], /--up-to belongs to compact/],
      [['compact'], /compact needs --up-to/],
      [['compact', '--up-to', '0'], /--up-to needs a feed cursor/],
      [['compact', '--up-to=-3'], /--up-to needs a feed cursor/],
      [['compact', '--up-to', '-3'], /argument is ambiguous/],
      [['compact', '--up-to', '1.5'], /--up-to needs a feed cursor/],
      [['compact', '--up-to', '9007199254740992'], /--up-to needs a feed cursor/],
      [['compact', '--up-to', '5', '--reason', 'x'], /--reason belongs to reset/],
      [['compact', '--up-to', '5', 'now'], /Unexpected argument "now"/],
      [['status', '--force'], /Unknown option '--force'/],
    ])('argument error %j', (argv, message) => {
      expect(() => parseAdminArgs(argv)).toThrow(AdminUsageError);
      expect(() => parseAdminArgs(argv)).toThrow(message);
    });

    it('parses the commands', () => {
      expect(parseAdminArgs(['reset', '--reason', ' restored backup '])).toEqual({
        kind: 'reset',
        reason: 'restored backup',
      });
      expect(parseAdminArgs(['compact', '--up-to', '1250000'])).toEqual({
        kind: 'compact',
        upTo: 1_250_000,
      });
      expect(parseAdminArgs(['status'])).toEqual({ kind: 'status' });
    });
  });
});
