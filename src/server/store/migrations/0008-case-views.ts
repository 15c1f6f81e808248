import type { Migration } from './types';

/**
 * Who opened which case and which photo (issue #7): the consoles report each view; the server
 * keeps the trail for the data-protection officer. The view's id comes from the console, so a
 * batch sent again after a lost answer adds nothing. Kept apart from `case_events` (the case's
 * own history, which consoles sync): the trail is about people, and only admins read it.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'case-views',
  sql: `
    CREATE TABLE case_views (
      id uuid PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      case_id uuid NOT NULL,
      photo_sha256 text CHECK (photo_sha256 ~ '^[0-9a-f]{64}$'),
      viewed_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_views_case ON case_views (case_id, viewed_at DESC);
    CREATE INDEX case_views_user ON case_views (user_id, viewed_at DESC);
  `,
};
