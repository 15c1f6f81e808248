import type { Migration } from './types';

/**
 * The rest of the domain: disputes, decisions, claims, the case audit trail, conversations with
 * members, messages and receipts, the mutation log that makes pushes idempotent, and per-row
 * audiences on the feed so each user's feed holds only what they may see.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'domain',
  sql: `
    ALTER TABLE cases DROP CONSTRAINT cases_status_check;
    ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN
      ('open', 'disputed', 'awaiting_statement', 'decided', 'withdrawn', 'forwarded', 'closed'));

    ALTER TABLE teams ADD COLUMN districts integer[] NOT NULL DEFAULT '{}';

    -- Who may read a feed row: everyone ('all'), the office staff ('office': clerks, team leads,
    -- admins), and in any case the listed users and the members of the conversation.
    ALTER TABLE feed
      ADD COLUMN audience text NOT NULL DEFAULT 'office'
        CHECK (audience IN ('all', 'office', 'listed')),
      ADD COLUMN users text[],
      ADD COLUMN conversation_id uuid;
    -- An officer sees their own cases: back-fill the rows written before audiences existed.
    UPDATE feed SET users = ARRAY[data->>'officerId'] WHERE entity = 'case' AND op = 'upsert';
    CREATE INDEX feed_conversation_idx ON feed (conversation_id, cursor)
      WHERE conversation_id IS NOT NULL;

    CREATE TABLE disputes (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases (id),
      received_at timestamptz NOT NULL,
      channel text NOT NULL CHECK (channel IN ('letter', 'email', 'online', 'in_person')),
      statement text NOT NULL CHECK (length(statement) BETWEEN 1 AND 10000),
      recorded_by text NOT NULL REFERENCES users (id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX disputes_case_idx ON disputes (case_id);

    CREATE TABLE decisions (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases (id),
      kind text NOT NULL
        CHECK (kind IN ('uphold', 'reduce', 'withdraw', 'request_statement', 'forward')),
      reason_code text NOT NULL,
      text text NOT NULL,
      new_amount_cents integer CHECK (new_amount_cents >= 0),
      clerk_id text NOT NULL REFERENCES users (id),
      decided_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'reduce') = (new_amount_cents IS NOT NULL))
    );
    CREATE INDEX decisions_case_idx ON decisions (case_id);

    CREATE TABLE claims (
      case_id uuid PRIMARY KEY REFERENCES cases (id),
      clerk_id text NOT NULL REFERENCES users (id),
      claimed_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );

    CREATE TABLE case_events (
      id bigserial PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases (id),
      kind text NOT NULL,
      actor_id text NOT NULL REFERENCES users (id),
      at timestamptz NOT NULL DEFAULT now(),
      ref_id text,
      detail text
    );
    CREATE INDEX case_events_case_idx ON case_events (case_id, id);

    CREATE TABLE conversations (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('direct', 'group', 'channel')),
      title text NOT NULL,
      team_id text REFERENCES teams (id),
      created_by text NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      -- The two members of a direct conversation, sorted and joined: one conversation per pair.
      direct_key text UNIQUE,
      CHECK ((kind = 'direct') = (direct_key IS NOT NULL))
    );

    CREATE TABLE conversation_members (
      conversation_id uuid NOT NULL REFERENCES conversations (id),
      user_id text NOT NULL REFERENCES users (id),
      role text NOT NULL CHECK (role IN ('owner', 'member')),
      joined_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, user_id)
    );
    CREATE INDEX conversation_members_user_idx ON conversation_members (user_id);

    CREATE TABLE messages (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations (id),
      sender_id text NOT NULL REFERENCES users (id),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
      case_id uuid REFERENCES cases (id),
      photo_sha256s text[] NOT NULL DEFAULT '{}',
      reply_to_id uuid REFERENCES messages (id),
      priority text NOT NULL CHECK (priority IN ('normal', 'high', 'urgent')),
      ack_requested boolean NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX messages_conversation_idx ON messages (conversation_id, sent_at);
    CREATE INDEX messages_case_idx ON messages (case_id) WHERE case_id IS NOT NULL;

    CREATE TABLE receipts (
      message_id uuid NOT NULL REFERENCES messages (id),
      user_id text NOT NULL REFERENCES users (id),
      delivered_at timestamptz,
      read_at timestamptz,
      acknowledged_at timestamptz,
      PRIMARY KEY (message_id, user_id)
    );

    -- Every mutation applied or refused, by its client id: a retried push gets the first answer.
    CREATE TABLE mutations (
      id uuid PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      kind text NOT NULL,
      outcome jsonb NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};
