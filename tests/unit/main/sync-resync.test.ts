import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import {
  beginResync,
  countCases,
  createPageApplier,
  finishResync,
  readCheckpoint,
} from '../../../src/main/sync/apply';
import type { FeedChange } from '../../../src/shared/sync/feed';
import type { CaseRecord } from '../../../src/shared/domain/case';
import { makeCase } from '../../support/cases';

const upsert = (cursor: number, data: CaseRecord): FeedChange => ({
  kind: 'change',
  cursor,
  entity: 'case',
  op: 'upsert',
  data,
});

describe('a resync after the server reset its feed', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  const plates = () =>
    (db.prepare('SELECT plate FROM cases ORDER BY plate').all() as { plate: string }[]).map(
      (row) => row.plate,
    );

  it('keeps every row while it reads, then removes only what the server no longer has', () => {
    const apply = createPageApplier(db);
    const kept = makeCase({ plate: 'M-AB 1', version: 3, status: 'disputed' });
    const gone = makeCase({ plate: 'M-AB 2' });
    apply([upsert(1, kept), upsert(2, gone)], 2, 'then', 'epoch-1');
    expect(readCheckpoint(db)).toMatchObject({ cursor: 2, epoch: 'epoch-1', resyncing: false });
    // Written by the console itself (an unsent message): no generation, never swept.
    const conversation = randomUUID();
    db.prepare(
      `INSERT INTO conversations (id, kind, title, team_id, created_by, created_at)
       VALUES (?, 'direct', '', NULL, 'demo-clerk', '2026-11-27T10:00:00.000Z')`,
    ).run(conversation);

    beginResync(db);
    expect(readCheckpoint(db)).toMatchObject({
      cursor: 0,
      epoch: null,
      generation: 1,
      resyncing: true,
    });
    // The clerk goes on seeing what was there while the feed is read again.
    expect(plates()).toEqual(['M-AB 1', 'M-AB 2']);

    // The server was restored from a backup: its row is older than the local one, and wins.
    apply([upsert(1, { ...kept, version: 2, status: 'open' })], 1, 'now', 'epoch-2');
    expect(plates()).toEqual(['M-AB 1', 'M-AB 2']);
    expect(db.prepare('SELECT status, version FROM cases WHERE id = ?').get(kept.id)).toEqual({
      status: 'open',
      version: 2,
    });

    expect(finishResync(db)).toBe(1);
    expect(plates()).toEqual(['M-AB 1']);
    expect(db.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 1 });
    expect(readCheckpoint(db)).toMatchObject({ cursor: 1, epoch: 'epoch-2', resyncing: false });

    // Back to normal: the version guard holds again, and a second finish removes nothing.
    apply([upsert(2, { ...kept, version: 1, status: 'closed' })], 2, 'later', 'epoch-2');
    expect(db.prepare('SELECT version FROM cases WHERE id = ?').get(kept.id)).toEqual({
      version: 2,
    });
    expect(finishResync(db)).toBe(0);
    expect(countCases(db)).toBe(1);
  });

  it('survives a crash halfway: the next start goes on in the same generation', () => {
    const apply = createPageApplier(db);
    const first = makeCase({ plate: 'M-CD 1' });
    const second = makeCase({ plate: 'M-CD 2' });
    const third = makeCase({ plate: 'M-CD 3' });
    apply([upsert(1, first), upsert(2, second), upsert(3, third)], 3, 'then', 'epoch-1');
    beginResync(db);
    apply([upsert(1, first)], 1, 'now', 'epoch-2');
    // A restart reads the checkpoint: still resyncing, from cursor 1, generation unchanged.
    expect(readCheckpoint(db)).toMatchObject({ cursor: 1, generation: 1, resyncing: true });
    apply([upsert(3, third)], 3, 'now', 'epoch-2');
    expect(finishResync(db)).toBe(1);
    expect(plates()).toEqual(['M-CD 1', 'M-CD 3']);
  });
});
