import { z } from 'zod';

export const SYNC_STATES = ['starting', 'syncing', 'idle', 'offline', 'error'] as const;

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
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
