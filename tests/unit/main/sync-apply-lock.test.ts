import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FeedChange } from '../../../src/shared/sync/feed';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { createPageApplier, readCheckpoint } from '../../../src/main/sync/apply';
import { makeCase } from '../../support/cases';

/**
 * The pull worker applies pages on its own connection while the main connection records the
 * clerk's work. A page reads its checkpoint before it writes; a commit on the main connection in
 * between must not fail the page ("database is locked" at once, which showed as a sync error).
 */
describe('applying a page while the main connection writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-apply-lock-'));
  const opened: Db[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is not outdated by a commit between its read and its first write', () => {
    const path = join(dir, 'console.sqlite');
    const main = openDatabase(path);
    const worker = openDatabase(path, { mapped: false });
    opened.push(main, worker);
    // Fail fast rather than wait: the main connection's write is only attempted here.
    main.pragma('busy_timeout = 0');
    const clerkWrites = main.prepare(
      `INSERT INTO console_user (username, user_id, display_name, role, seen_at)
       VALUES ('demo.clerk', 'demo-clerk', 'Claudia', 'clerk', ?)
       ON CONFLICT (username) DO UPDATE SET seen_at = excluded.seen_at`,
    );
    let mainWrite: 'committed' | 'waited' | null = null;

    // The worker's checkpoint read is where its snapshot starts; the clerk's commit lands right
    // after it, before the page writes anything.
    const interleaved = new Proxy(worker, {
      get(target, key, receiver) {
        if (key !== 'prepare') return Reflect.get(target, key, receiver) as unknown;
        return (sql: string) => {
          const statement = target.prepare(sql);
          if (!sql.startsWith('SELECT generation, resyncing FROM sync_state')) return statement;
          return new Proxy(statement, {
            get(inner, name, innerReceiver) {
              if (name !== 'get') return Reflect.get(inner, name, innerReceiver) as unknown;
              return (...args: unknown[]) => {
                const row = (inner as Statement).get(...args);
                try {
                  clerkWrites.run(new Date().toISOString());
                  mainWrite = 'committed';
                } catch {
                  mainWrite = 'waited';
                }
                return row;
              };
            },
          });
        };
      },
    });

    const apply = createPageApplier(interleaved);
    const change: FeedChange = {
      kind: 'change',
      cursor: 1,
      entity: 'case',
      op: 'upsert',
      data: makeCase({ plate: 'M-LK 1' }),
    };
    expect(() => apply([change], 1, new Date().toISOString())).not.toThrow();
    expect(readCheckpoint(worker).cursor).toBe(1);
    // The page held the write lock from its start: the clerk's write had to wait its turn.
    expect(mainWrite).toBe('waited');
    clerkWrites.run(new Date().toISOString());
  });
});
