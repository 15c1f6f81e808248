import type { Migration } from './types';

/**
 * Dispatches (issue #6): a team lead's one message to several teams, conversations and people.
 * The feed brings a lead their own dispatches (`dispatches`, a row per dispatch with its status)
 * and, on every message that is part of one, the dispatch's id (`messages.dispatch_id`) and when
 * its reminder re-sent it (`messages.reminded_at`). "Who received, read, acknowledged" is then
 * the receipts of the messages found through `messages_dispatch`.
 *
 * The cursor stays where it is: dispatches are new with this version, so no message synced
 * before it belongs to one, and the new columns are null for all of them.
 *
 * Like every synced table, `dispatches` has `sync_gen` (migration 0005); a dispatch the lead has
 * just sent and the server not yet confirmed is a row without one (the outbox owns it).
 */
export const migration0012: Migration = {
  version: 12,
  name: 'dispatches',
  sql: `
    CREATE TABLE dispatches (
      id TEXT PRIMARY KEY NOT NULL,
      sender_id TEXT NOT NULL,
      body TEXT NOT NULL,
      priority TEXT NOT NULL,
      ack_requested INTEGER NOT NULL CHECK (ack_requested IN (0, 1)),
      -- JSON: {"teamIds": [...], "conversationIds": [...], "userIds": [...]}.
      targets TEXT NOT NULL,
      send_at TEXT,
      status TEXT NOT NULL,
      sent_at TEXT,
      remind_after_minutes INTEGER,
      reminded_at TEXT,
      created_at TEXT NOT NULL,
      sync_gen INTEGER
    );
    -- A lead's dispatches, newest first.
    CREATE INDEX dispatches_sender ON dispatches (sender_id, created_at);

    ALTER TABLE messages ADD COLUMN dispatch_id TEXT;
    ALTER TABLE messages ADD COLUMN reminded_at TEXT;
    CREATE INDEX messages_dispatch ON messages (dispatch_id) WHERE dispatch_id IS NOT NULL;
  `,
};
