import type { PhotoStore } from '../blobs/photo-store';
import type { LoginLimits } from '../auth/lockout';
import type { FeedHub } from '../feed/hub';
import type { SqlClient } from '../store/client';

/** What the routes need from the running server. */
export interface AppContext {
  db: SqlClient;
  hub: FeedHub;
  /** How long a login lasts: the refresh token's lifetime (see `tokenTtls`). */
  sessionTtlMs: number;
  /** Access token lifetime; default 15 minutes, never longer than `sessionTtlMs`. */
  accessTtlMs?: number;
  photos: PhotoStore;
  /** Largest photo upload accepted; default 15 MB. */
  photoMaxBytes?: number;
  /** Failed-login lockout and per-address limits; default `DEFAULT_LOGIN_LIMITS`. */
  loginLimits?: LoginLimits;
}
