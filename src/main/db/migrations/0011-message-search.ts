import type { Migration } from './types';

/**
 * Reading messages (issue #6): full-text search over message bodies.
 *
 * `message_search` is an FTS5 index with external content: the text stays in `messages` alone,
 * the index keeps only the words, and FTS5 reads a body back from `messages` by rowid when asked
 * for it. The unicode61 tokenizer splits at anything that is not a letter or a digit, folds case,
 * and with `remove_diacritics 2` drops accents, so "munchen" finds "München" (ß stays ß: "Strasse"
 * does not find "Straße"). Words are matched as prefixes (src/main/messaging/search-query.ts).
 *
 * Its rowid is the message's rowid. `messages` has no INTEGER PRIMARY KEY, so a VACUUM could
 * renumber its rowids: whoever adds a VACUUM must rebuild this index afterwards
 * (`INSERT INTO message_search (message_search) VALUES ('rebuild')`). Nothing vacuums today.
 *
 * The triggers keep the index equal to the table. An external-content index must be told the old
 * text to forget a row ('delete' with the body as indexed), so the update trigger runs only when
 * the body changes: the sync's upserts set every column, and a retried message's new id
 * (`UPDATE messages SET id = ?`) keeps its rowid and its body, and so its index entry. The sync
 * writes with ON CONFLICT DO UPDATE and DELETE (never REPLACE, whose implicit delete would not
 * fire the delete trigger). These triggers are on `messages`, not `cases`: an initial sync's
 * bulk load (src/main/db/bulk-load.ts) leaves them live.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'message-search',
  sql: `
    CREATE VIRTUAL TABLE message_search USING fts5(
      body,
      content = 'messages', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2'
    );

    INSERT INTO message_search (message_search) VALUES ('rebuild');

    CREATE TRIGGER message_search_insert AFTER INSERT ON messages
    BEGIN
      INSERT INTO message_search (rowid, body) VALUES (NEW.rowid, NEW.body);
    END;

    CREATE TRIGGER message_search_update AFTER UPDATE OF body ON messages
    WHEN OLD.body IS NOT NEW.body
    BEGIN
      INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', OLD.rowid, OLD.body);
      INSERT INTO message_search (rowid, body) VALUES (NEW.rowid, NEW.body);
    END;

    CREATE TRIGGER message_search_delete AFTER DELETE ON messages
    BEGIN
      INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', OLD.rowid, OLD.body);
    END;
  `,
};
