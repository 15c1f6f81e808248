import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginBulkLoad, finishBulkLoad } from '../../../src/main/db/bulk-load';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { migrate, schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { LocalEffects } from '../../../src/main/outbox/effects';
import { Chat, LEAD, ME } from './messaging-fixtures';

/** Ids of the messages whose body matches an FTS5 query. */
const found = (db: Db, query: string) =>
  db
    .prepare(
      `SELECT m.id FROM message_search s JOIN messages m ON m.rowid = s.rowid
        WHERE message_search MATCH ? ORDER BY m.id`,
    )
    .pluck()
    .all(query) as string[];

/** FTS5's own check that the index holds exactly what the table does. */
const consistent = (db: Db) =>
  db
    .prepare(`INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)`)
    .run();

describe('migration 0011: message search', () => {
  let db: Db;
  let chat: Chat;
  let conversation: string;
  beforeEach(() => {
    db = openDatabase(':memory:');
    chat = new Chat(db);
    conversation = chat.conversation({ kind: 'group', title: 'Nord', members: [LEAD.id, ME.id] });
  });
  afterEach(() => db.close());

  it('indexes the messages already there when it runs', () => {
    const old = new Database(':memory:');
    migrate(old, MIGRATIONS.slice(0, 10));
    old
      .prepare(
        `INSERT INTO messages (id, conversation_id, sender_id, body, case_id, photo_sha256s,
           reply_to_id, priority, ack_requested, sent_at, sync_gen)
         VALUES ('m1', 'c1', 'lead-1', 'Kontrolle in Schwabing', NULL, '[]', NULL, 'normal', 0,
           '2026-11-20T08:00:00.000Z', 0)`,
      )
      .run();
    migrate(old, MIGRATIONS.slice(0, 11));
    expect(schemaVersion(old)).toBe(11);
    expect(found(old, '"schwab"*')).toEqual(['m1']);
    consistent(old);
    old.close();
  });

  it('follows the sync: new, changed, replayed and removed messages', () => {
    const first = chat.message(conversation, LEAD.id, 'Treffpunkt Odeonsplatz');
    const second = chat.message(conversation, ME.id, 'Verstanden');
    expect(found(db, '"odeon"*')).toEqual([first.id]);
    // The server edits the body; the same record again (a replay) changes nothing.
    chat.feed.upsert('message', { ...first, body: 'Treffpunkt Königsplatz' });
    chat.feed.upsert('message', { ...first, body: 'Treffpunkt Königsplatz' });
    expect(found(db, '"odeon"*')).toEqual([]);
    expect(found(db, '"konigs"*')).toEqual([first.id]);
    chat.feed.remove('message', second.id);
    expect(found(db, 'verstanden')).toEqual([]);
    consistent(db);
  });

  it('keeps a message found when a retry gives it a new id, and forgets a discarded one', () => {
    const effects = new LocalEffects(db);
    const user = { id: ME.id, username: 'demo.clerk', displayName: 'Clerk', role: ME.role };
    const id = randomUUID();
    effects.message(user, {
      id,
      kind: 'message',
      conversationId: conversation,
      body: 'Bitte Rückruf',
      photoSha256s: [],
      priority: 'normal',
      ackRequested: false,
    });
    expect(found(db, 'ruckruf')).toEqual([id]);
    const again = randomUUID();
    effects.renameMessage(id, again);
    expect(found(db, 'ruckruf')).toEqual([again]);
    consistent(db);
    db.prepare('DELETE FROM messages WHERE id = ?').run(again);
    expect(found(db, 'ruckruf')).toEqual([]);
    consistent(db);
  });

  it('stays live through the bulk load of an initial sync', () => {
    const file = openDatabase(':memory:');
    const parked = beginBulkLoad(file);
    expect(parked).toBeGreaterThan(0);
    const triggers = file
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'message%'`)
      .pluck()
      .all();
    expect(triggers).toEqual([
      'message_search_insert',
      'message_search_update',
      'message_search_delete',
    ]);
    const during = new Chat(file);
    const c = during.conversation({ kind: 'group', title: 'Süd', members: [ME.id] });
    const message = during.message(c, LEAD.id, 'Während der Erstsynchronisation');
    finishBulkLoad(file);
    expect(found(file, 'wahrend')).toEqual([message.id]);
    consistent(file);
    file.close();
  });
});
