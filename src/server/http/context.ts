import type { FeedHub } from '../feed/hub';
import type { SqlClient } from '../store/client';

/** What the routes need from the running server. */
export interface AppContext {
  db: SqlClient;
  hub: FeedHub;
  sessionTtlMs: number;
}
