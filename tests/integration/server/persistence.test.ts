import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/server/index';
import { migrate } from '../../../src/server/store/migrate';
import { MIGRATIONS } from '../../../src/server/store/migrations';
import { openStore } from '../../../src/server/store/open';
import { newCase, postCase, readWholeFeed, tokenFor } from './support/client';
import { upsertsOf } from './support/feed-entities';

describe('PGlite data folder', () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it('keeps cases and sessions across close and restart on the same port, seeding only once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kvue-server-'));
    folders.push(dataDir);

    const first = await startServer({ dataDir, seed: { cases: 12 } });
    const officer = await tokenFor(first.url, 'officer.huber');
    const clerk = await tokenFor(first.url, 'demo.clerk');
    const input = newCase();
    expect((await postCase(first.url, officer, input)).status).toBe(201);
    const before = await readWholeFeed(first.url, clerk);
    const cases = upsertsOf(before.changes, 'case');
    expect(cases).toHaveLength(13);
    expect(cases.map((record) => record.id)).toContain(input.id);
    const officerBefore = await readWholeFeed(first.url, officer);
    expect(upsertsOf(officerBefore.changes, 'case').map((record) => record.id)).toContain(input.id);
    const port = first.port;
    const stopStarted = Date.now();
    await first.close();
    expect(Date.now() - stopStarted).toBeLessThan(2000);

    const second = await startServer({ dataDir, port, seed: { cases: 12 } });
    try {
      expect(second.port).toBe(port);
      // The old token still works: sessions live in the database, not in the process.
      const after = await readWholeFeed(second.url, clerk);
      expect(after.changes).toEqual(before.changes);
      expect(after.cursor).toBe(before.cursor);
      expect(await readWholeFeed(second.url, officer)).toEqual(officerBefore);
      const again = await postCase(second.url, officer, input);
      expect(again.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('records each migration once and re-running them changes nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kvue-migrate-'));
    folders.push(dataDir);
    const db = await openStore({ dataDir });
    try {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await db.close();
    }
  });
});
