import type { Migration } from './types';

/**
 * The feed's epoch and how far back its history reaches (see `src/server/feed/state.ts`). One
 * row, always present, so readers never have to handle its absence.
 *
 * `epoch` names one unbroken history (a reset draws a new one); `generation` counts the
 * compactions within it. `current_epoch` is what readers are told: the epoch itself, or after a
 * compaction the epoch and the generation (`<epoch>-<generation>`). It is generated so the SQL
 * of a feed page and the server's code cannot disagree on it, and checked against the shared
 * `feedEpochSchema` (letters, digits and dashes, at most 64) since every end line carries it.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'feed-state',
  sql: `
    CREATE TABLE feed_state (
      id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      epoch text NOT NULL DEFAULT gen_random_uuid()::text
        CHECK (epoch ~ '^[A-Za-z0-9-]{1,40}$'),
      generation integer NOT NULL DEFAULT 0 CHECK (generation >= 0),
      current_epoch text GENERATED ALWAYS AS
        (CASE WHEN generation = 0 THEN epoch ELSE epoch || '-' || generation END) STORED,
      history_from bigint NOT NULL DEFAULT 0 CHECK (history_from >= 0),
      reset_at timestamptz,
      reset_reason text,
      compacted_at timestamptz
    );
    INSERT INTO feed_state (id) VALUES (1);

    -- Compaction looks for tombstones by cursor; they are few, so this index stays small.
    CREATE INDEX feed_tombstone_idx ON feed (cursor) WHERE op = 'delete';
  `,
};
