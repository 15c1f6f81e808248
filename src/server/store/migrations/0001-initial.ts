import type { Migration } from './types';

/**
 * Teams, users and sessions, the offence catalogue, cases and the change feed. Disputes,
 * decisions and messages arrive in later migrations; the feed is keyed by entity name so they can
 * join it without a schema change.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE teams (
      id text PRIMARY KEY,
      name text NOT NULL UNIQUE
    );

    CREATE TABLE users (
      id text PRIMARY KEY,
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('clerk', 'team_lead', 'officer', 'admin')),
      team_id text REFERENCES teams (id),
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX users_team_idx ON users (team_id);

    -- Only the SHA-256 of a token is stored, so a leaked table does not leak live sessions.
    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);

    CREATE TABLE offences (
      code text PRIMARY KEY,
      text text NOT NULL,
      fine_cents integer NOT NULL CHECK (fine_cents >= 0),
      -- True for entries invented for demos and tests rather than taken from an official catalogue.
      illustrative boolean NOT NULL
    );

    CREATE SEQUENCE case_file_number_seq;

    CREATE TABLE cases (
      id uuid PRIMARY KEY,
      file_number text NOT NULL UNIQUE,
      plate text NOT NULL,
      vehicle_make text NOT NULL,
      vehicle_color text NOT NULL,
      offence_code text NOT NULL REFERENCES offences (code),
      offence_text text NOT NULL,
      fine_cents integer NOT NULL CHECK (fine_cents >= 0),
      street text NOT NULL,
      house_number text NOT NULL,
      district integer NOT NULL CHECK (district BETWEEN 1 AND 25),
      lat double precision NOT NULL,
      lon double precision NOT NULL,
      observed_at timestamptz NOT NULL,
      officer_id text NOT NULL REFERENCES users (id),
      status text NOT NULL CHECK (status IN ('open', 'disputed', 'decided', 'closed')),
      version integer NOT NULL CHECK (version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX cases_officer_idx ON cases (officer_id);
    CREATE INDEX cases_status_idx ON cases (status);

    -- One row per entity: a change moves the row to a new cursor and replaces its JSON, so a
    -- reader catching up gets each entity once, in its latest state, from one index scan.
    -- json, not jsonb: the text is stored and served verbatim, never queried into.
    CREATE SEQUENCE feed_cursor_seq;
    CREATE TABLE feed (
      entity text NOT NULL,
      entity_id text NOT NULL,
      cursor bigint NOT NULL,
      op text NOT NULL CHECK (op IN ('upsert', 'delete')),
      data json,
      PRIMARY KEY (entity, entity_id),
      CHECK ((op = 'upsert') = (data IS NOT NULL))
    );
    CREATE UNIQUE INDEX feed_cursor_idx ON feed (cursor);
  `,
};
