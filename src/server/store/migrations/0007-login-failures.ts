import type { Migration } from './types';

/**
 * Failed logins per user name (issue #7): after too many within a window, the name is locked for
 * a while, longer on every repeat. Kept in the database, so a restart does not reset a lock and
 * several server processes share it. Keyed by the name as typed (lower-cased), whether or not
 * such a user exists, so a lock says nothing about which names are real.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'login-failures',
  sql: `
    CREATE TABLE login_failures (
      username text PRIMARY KEY,
      failures integer NOT NULL,
      window_started_at timestamptz NOT NULL,
      locked_until timestamptz,
      -- How often this name was locked since its last good login: each lock lasts twice as long.
      lockouts integer NOT NULL DEFAULT 0
    );
  `,
};
