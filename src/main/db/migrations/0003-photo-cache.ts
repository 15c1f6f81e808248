import type { Migration } from './types';

/**
 * The photo cache: one row per photo the console has asked for, keyed by its SHA-256. This is the
 * download queue and the cache index at once (PowerSync's attachment states, kept apart from the
 * synced `photos` table, which stays a pure copy of the server's). A row in state `stored` means
 * the file `<photo dir>/<aa>/<sha256>` exists, hashed to its name and has exactly `bytes` bytes;
 * nothing else may be served. Times are UTC ISO-8601 like everywhere else (text order is time
 * order).
 */
export const migration0003: Migration = {
  version: 3,
  name: 'photo-cache',
  sql: `
    CREATE TABLE photo_cache (
      sha256 TEXT PRIMARY KEY NOT NULL
        CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
      state TEXT NOT NULL CHECK (state IN ('queued', 'downloading', 'stored', 'failed')),
      -- Higher goes first: the case on screen, then photos asked for, then background prefetch.
      priority INTEGER NOT NULL DEFAULT 0,
      -- Failed attempts that count towards giving up (being offline does not count).
      attempts INTEGER NOT NULL DEFAULT 0,
      -- Not before this time (backoff after a failure).
      next_attempt_at TEXT NOT NULL,
      last_error TEXT,
      -- Size of the verified file; set together with state 'stored'.
      bytes INTEGER,
      verified_at TEXT,
      -- The 320 px thumbnail: made once after storing; 'failed' is not tried again.
      thumb TEXT NOT NULL DEFAULT 'none' CHECK (thumb IN ('none', 'made', 'failed')),
      thumb_bytes INTEGER,
      requested_at TEXT NOT NULL,
      last_used_at TEXT NOT NULL,
      CHECK (state <> 'stored' OR (bytes IS NOT NULL AND verified_at IS NOT NULL))
    );
    -- The next download: the highest priority, oldest request first.
    CREATE INDEX photo_cache_queue ON photo_cache (state, priority DESC, requested_at);
    -- Eviction: least recently used stored photo first.
    CREATE INDEX photo_cache_lru ON photo_cache (last_used_at) WHERE state = 'stored';
  `,
};
