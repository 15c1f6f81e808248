import type { Migration } from './types';

/**
 * Views of cases and photos not yet reported to the server's audit trail (issue #7). Written
 * when the clerk opens a case or a photo, deleted once the server has them: a view is never lost
 * offline or in a crash. `author` is the login that looked, so a shared console reports each
 * clerk's views under that clerk's own login.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'audit-views',
  sql: `
    CREATE TABLE audit_views (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      case_id TEXT NOT NULL,
      photo_sha256 TEXT,
      viewed_at TEXT NOT NULL,
      author TEXT NOT NULL
    );
    CREATE INDEX audit_views_recent ON audit_views (author, case_id, viewed_at);
  `,
};
