export interface Migration {
  /** Becomes SQLite's `user_version` once applied; consecutive from 1. */
  version: number;
  name: string;
  sql: string;
}
