import type { Migration } from './types';

/**
 * Everything else the feed carries besides cases: photos, disputes, decisions, the case trail,
 * claims, conversations with their members, messages and receipts, and the directory (teams,
 * people, offences). Columns mirror the record schemas in src/shared/domain; times are stored as
 * UTC ISO-8601 (text order is time order), booleans as 0/1, arrays as JSON text.
 *
 * No foreign keys on purpose: these tables are a copy of the server's, which owns consistency.
 * The feed is ordered by cursor, not by dependency (a photo may come back before its case on a
 * replay, a member may outlive a conversation this console can no longer see), and a constraint
 * failing here would roll back the page and stall the sync for good.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'domain',
  sql: `
    CREATE TABLE photos (
      sha256 TEXT PRIMARY KEY NOT NULL,
      case_id TEXT NOT NULL,
      taken_at TEXT NOT NULL,
      lat REAL,
      lon REAL,
      size_bytes INTEGER NOT NULL,
      content_type TEXT NOT NULL,
      uploaded_by TEXT NOT NULL
    );
    CREATE INDEX photos_case ON photos (case_id, taken_at);

    CREATE TABLE disputes (
      id TEXT PRIMARY KEY NOT NULL,
      case_id TEXT NOT NULL,
      received_at TEXT NOT NULL,
      channel TEXT NOT NULL,
      statement TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX disputes_case ON disputes (case_id, received_at);

    CREATE TABLE decisions (
      id TEXT PRIMARY KEY NOT NULL,
      case_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      reason_code TEXT NOT NULL,
      text TEXT NOT NULL,
      new_amount_cents INTEGER,
      clerk_id TEXT NOT NULL,
      decided_at TEXT NOT NULL
    );
    CREATE INDEX decisions_case ON decisions (case_id, decided_at);

    CREATE TABLE case_events (
      id TEXT PRIMARY KEY NOT NULL,
      case_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      at TEXT NOT NULL,
      ref_id TEXT,
      detail TEXT
    );
    -- A case's timeline in order; the id breaks ties between events of the same instant.
    CREATE INDEX case_events_case ON case_events (case_id, at, id);

    -- At most one claim per case, so the case is the key.
    CREATE TABLE claims (
      case_id TEXT PRIMARY KEY NOT NULL,
      clerk_id TEXT NOT NULL,
      claimed_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
    CREATE INDEX claims_clerk ON claims (clerk_id);

    CREATE TABLE conversations (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      team_id TEXT,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    );

    -- The key's order serves "members of a conversation"; the index serves "my conversations".
    CREATE TABLE members (
      conversation_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      role TEXT NOT NULL,
      joined_at TEXT NOT NULL,
      PRIMARY KEY (conversation_id, user_id)
    );
    CREATE INDEX members_user ON members (user_id, conversation_id);

    CREATE TABLE messages (
      id TEXT PRIMARY KEY NOT NULL,
      conversation_id TEXT NOT NULL,
      sender_id TEXT NOT NULL,
      body TEXT NOT NULL,
      case_id TEXT,
      -- JSON array of SHA-256 hex strings.
      photo_sha256s TEXT NOT NULL,
      reply_to_id TEXT,
      priority TEXT NOT NULL,
      ack_requested INTEGER NOT NULL CHECK (ack_requested IN (0, 1)),
      sent_at TEXT NOT NULL
    );
    CREATE INDEX messages_conversation ON messages (conversation_id, sent_at, id);
    CREATE INDEX messages_case ON messages (case_id, sent_at) WHERE case_id IS NOT NULL;

    -- The key leads with the message, so it also serves "receipts of a message".
    CREATE TABLE receipts (
      message_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      delivered_at TEXT,
      read_at TEXT,
      acknowledged_at TEXT,
      PRIMARY KEY (message_id, user_id)
    );

    CREATE TABLE teams (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      -- JSON array of Stadtbezirk numbers.
      districts TEXT NOT NULL
    );

    CREATE TABLE people (
      id TEXT PRIMARY KEY NOT NULL,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL,
      team_id TEXT
    );
    CREATE INDEX people_team ON people (team_id) WHERE team_id IS NOT NULL;

    CREATE TABLE offences (
      code TEXT PRIMARY KEY NOT NULL,
      text TEXT NOT NULL,
      fine_cents INTEGER NOT NULL,
      illustrative INTEGER NOT NULL CHECK (illustrative IN (0, 1))
    );

    -- Read the whole feed again. Until now this console stored only cases and skipped every other
    -- entity, yet its cursor moved past those rows; left there, it would never see the photos,
    -- disputes, messages … written before this upgrade. Replaying is safe: the feed keeps only
    -- the latest change per row, case upserts never lower a stored version, and every other
    -- upsert or delete is idempotent. Cases stay in place meanwhile, so the queue is not empty.
    UPDATE sync_state SET cursor = 0;
  `,
};
