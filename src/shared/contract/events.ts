import { z } from 'zod';
import { syncStatusSchema } from './sync-status';

export const DATA_ENTITIES = ['cases', 'photos', 'outbox', 'messages'] as const;
export const dataChangedSchema = z.object({
  entities: z.array(z.enum(DATA_ENTITIES)).min(1),
});
export type DataChanged = z.infer<typeof dataChangedSchema>;

/** Every event from main to renderer, declared once. */
export const events = {
  'sync.status': syncStatusSchema,
  /** Tells the renderer which query keys to refetch after a sync applied changes. */
  'data.changed': dataChangedSchema,
} as const;
