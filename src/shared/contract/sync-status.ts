import { z } from 'zod';

export const SYNC_STATES = ['starting', 'syncing', 'idle', 'offline', 'error'] as const;

export const syncProgressSchema = z.object({
  rows: z.number().int().min(0),
  bytes: z.number().int().min(0),
  etaSeconds: z.number().min(0).nullable(),
  /** The initial sync has every row and builds its indexes and search now (no estimate). */
  indexing: z.boolean().optional(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const syncStatusSchema = z.object({
  state: z.enum(SYNC_STATES),
  /** The last feed cursor committed to the local database. */
  cursor: z.number().int().min(0),
  /** When the console last heard from the server successfully (ISO), if ever. */
  lastSyncedAt: z.string().nullable(),
  /** Number of cases in the local database. */
  caseCount: z.number().int().min(0),
  /** A short technical description of the last failure, for the status bar's tooltip. */
  error: z.string().nullable(),
  /**
   * While pulling: rows applied and bytes read in this pull, and an estimate of the seconds left
   * (null while unknown). Null or absent when no pull is under way.
   */
  progress: syncProgressSchema.nullable().optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
