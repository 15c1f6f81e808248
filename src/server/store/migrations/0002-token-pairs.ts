import type { Migration } from './types';

/**
 * Replaces the single long-lived token per login with short-lived access tokens plus rotating
 * refresh tokens. Existing sessions are dropped rather than converted: they carry no refresh
 * token, so everyone simply logs in again.
 *
 * One row is one token pair. Every pair issued from one login shares a `family_id`, so a stolen
 * refresh token (detected when a rotated one comes back) can end the whole login at once.
 * Only SHA-256 hashes of tokens are stored, so a leaked table does not leak live sessions.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'token-pairs',
  sql: `
    DROP TABLE sessions;

    CREATE TABLE sessions (
      id uuid PRIMARY KEY,
      family_id uuid NOT NULL,
      user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      access_hash text NOT NULL UNIQUE,
      access_expires_at timestamptz NOT NULL,
      refresh_hash text NOT NULL UNIQUE,
      refresh_expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- Set once the refresh token was exchanged; presenting it again means it was copied.
      rotated_at timestamptz,
      -- Set by logout or theft detection; refuses both tokens of the pair.
      revoked_at timestamptz
    );
    CREATE INDEX sessions_family_idx ON sessions (family_id);
    CREATE INDEX sessions_refresh_expires_idx ON sessions (refresh_expires_at);
  `,
};
