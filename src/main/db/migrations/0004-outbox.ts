import type { Migration } from './types';

/**
 * The outbox: the clerk's local work (decisions, claims, conversations, messages, receipts) as
 * mutations waiting for the server, written in the same transaction as their optimistic local
 * effect. `seq` is the creation order, the order in which they are pushed; `id` is the
 * mutation's client-generated id, the server's idempotency key, so pushing an entry again after a
 * crash or a lost answer never has a second effect. Times are UTC ISO-8601.
 *
 * States: `pending` (waiting), `pushing` (sent, answer not yet in; treated as pending after a
 * restart), `applied` (kept a while as history; the feed brings the real rows), `conflict` (the
 * server's current row is kept in `server_version` next to the local one), `rejected` (with the
 * server's code and reason).
 *
 * The feed owns the synced tables, and a case's feed row wins when its version is at least the
 * local one. A pending decision therefore does not bump the local case version; it sets the
 * case's status (and fine) in place and notes them here (`case_status`, `case_fine_cents`, based
 * on `base_version`). The trigger puts them back should the feed replay the very version the
 * decision was based on; the server's next version (the decision itself, or a rival's change)
 * replaces them for good.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'outbox',
  sql: `
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      -- The mutation exactly as it is pushed (JSON).
      mutation TEXT NOT NULL,
      state TEXT NOT NULL
        CHECK (state IN ('pending', 'pushing', 'applied', 'conflict', 'rejected')),
      case_id TEXT,
      conversation_id TEXT,
      message_id TEXT,
      -- What a pending decision shows on its case (see the trigger below).
      base_version INTEGER,
      case_status TEXT,
      case_fine_cents INTEGER,
      -- How to undo the optimistic effect after a conflict or rejection (JSON), and the local row
      -- the work was based on (JSON), shown next to the server's in a conflict.
      undo TEXT,
      local_version TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      -- The last transient failure (offline, server error); cleared when an answer arrives.
      last_error TEXT,
      repeated INTEGER CHECK (repeated IN (0, 1)),
      code TEXT,
      reason TEXT,
      field TEXT,
      -- The server's current row ({entity, data} JSON) for a conflict.
      server_version TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX outbox_state ON outbox (state, seq);
    CREATE INDEX outbox_case ON outbox (case_id, base_version) WHERE case_id IS NOT NULL;
    CREATE INDEX outbox_conversation ON outbox (conversation_id) WHERE conversation_id IS NOT NULL;

    CREATE TRIGGER cases_keep_pending_decision AFTER UPDATE ON cases
    WHEN EXISTS (
      SELECT 1 FROM outbox
       WHERE case_id = NEW.id AND base_version = NEW.version AND case_status IS NOT NULL
         AND state IN ('pending', 'pushing', 'applied')
    )
    BEGIN
      UPDATE cases SET
        status = (
          SELECT case_status FROM outbox
           WHERE case_id = NEW.id AND base_version = NEW.version AND case_status IS NOT NULL
             AND state IN ('pending', 'pushing', 'applied')
           ORDER BY seq DESC LIMIT 1),
        fine_cents = COALESCE((
          SELECT case_fine_cents FROM outbox
           WHERE case_id = NEW.id AND base_version = NEW.version AND case_status IS NOT NULL
             AND state IN ('pending', 'pushing', 'applied')
           ORDER BY seq DESC LIMIT 1), NEW.fine_cents)
      WHERE id = NEW.id;
    END;

    -- Who this console works as, per login name: local work is recorded under this user's id even
    -- while the server cannot be reached.
    CREATE TABLE console_user (
      username TEXT PRIMARY KEY NOT NULL,
      user_id TEXT NOT NULL,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL,
      seen_at TEXT NOT NULL
    );
  `,
};
