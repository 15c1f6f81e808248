import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { beginBulkLoad, finishBulkLoad } from '../../../src/main/db/bulk-load';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate, schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { createPageApplier } from '../../../src/main/sync/apply';
import { feedChangeSchema } from '../../../src/shared/sync/feed';
import { Chat, LEAD, ME } from './messaging-fixtures';

const plan = (db: Database.Database, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[])
    .map((r) => r.detail)
    .join('; ');

describe('migration 0012: dispatches', () => {
  it('keeps the messages and the cursor, with no dispatch for any of them', () => {
    const old = new Database(':memory:');
    migrate(old, MIGRATIONS.slice(0, 11));
    old
      .prepare(
        `INSERT INTO messages (id, conversation_id, sender_id, body, case_id, photo_sha256s,
           reply_to_id, priority, ack_requested, sent_at, sync_gen)
         VALUES ('m1', 'c1', 'lead-1', 'Kontrolle in Schwabing', NULL, '[]', NULL, 'urgent', 1,
           '2026-11-20T08:00:00.000Z', 0)`,
      )
      .run();
    old.prepare('UPDATE sync_state SET cursor = 42').run();

    migrate(old, MIGRATIONS.slice(0, 12));
    expect(schemaVersion(old)).toBe(12);
    expect(old.prepare('SELECT id, dispatch_id, reminded_at FROM messages').all()).toEqual([
      { id: 'm1', dispatch_id: null, reminded_at: null },
    ]);
    expect(old.prepare('SELECT cursor FROM sync_state').get()).toEqual({ cursor: 42 });
    expect(old.prepare('SELECT count(*) AS n FROM dispatches').get()).toEqual({ n: 0 });
    // The message is still found by its words: adding columns keeps rowids and the index.
    const found = old
      .prepare(
        `SELECT m.id FROM message_search s JOIN messages m ON m.rowid = s.rowid
          WHERE message_search MATCH '"schwab"*'`,
      )
      .pluck()
      .all();
    expect(found).toEqual(['m1']);
    old.close();
  });

  it("serves a dispatch's messages and a lead's dispatches from indexes", () => {
    const db = openDatabase(':memory:');
    expect(plan(db, 'SELECT id FROM messages WHERE dispatch_id = ?')).toMatch(
      /USING INDEX messages_dispatch/,
    );
    expect(
      plan(db, 'SELECT * FROM dispatches WHERE sender_id = ? ORDER BY created_at DESC'),
    ).toMatch(/USING INDEX dispatches_sender(?!.*TEMP B-TREE)/);
    db.close();
  });

  it('takes a dispatch and its messages from the feed, also lines written before dispatches', () => {
    const db = openDatabase(':memory:');
    const chat = new Chat(db);
    const conversation = chat.conversation({ kind: 'channel', title: 'Nord', members: [LEAD.id] });
    const dispatchId = randomUUID();
    const record = chat.messageRecord(conversation, LEAD.id, 'Sperrung Leopoldstraße', {
      priority: 'urgent',
      ackRequested: true,
      dispatchId,
    });
    // An old line: no dispatchId, no remindedAt. The schema fills in null for both.
    const old: Record<string, unknown> = chat.messageRecord(conversation, ME.id, 'Alte Nachricht');
    delete old['dispatchId'];
    delete old['remindedAt'];
    const lines = [
      { kind: 'change', cursor: 1, entity: 'message', op: 'upsert', data: old },
      { kind: 'change', cursor: 2, entity: 'message', op: 'upsert', data: record },
      {
        kind: 'change',
        cursor: 3,
        entity: 'message',
        op: 'upsert',
        data: { ...record, remindedAt: '2026-11-20T11:30:00+01:00' },
      },
    ].map((line) => feedChangeSchema.parse(line));
    createPageApplier(db)(lines, 3, '2026-11-20T10:31:00.000Z');
    expect(
      db.prepare('SELECT body, dispatch_id, reminded_at FROM messages ORDER BY body').all(),
    ).toEqual([
      { body: 'Alte Nachricht', dispatch_id: null, reminded_at: null },
      {
        body: 'Sperrung Leopoldstraße',
        dispatch_id: dispatchId,
        reminded_at: '2026-11-20T10:30:00.000Z',
      },
    ]);
    db.close();
  });

  it('leaves the dispatch index live through the bulk load of an initial sync', () => {
    const db = openDatabase(':memory:');
    beginBulkLoad(db);
    const live = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?`)
      .pluck()
      .all('messages_dispatch');
    expect(live).toEqual(['messages_dispatch']);
    finishBulkLoad(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });
});
