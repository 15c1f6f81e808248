import { z } from 'zod';
import { caseRecordSchema } from '../domain/case';

/**
 * The change feed travels as NDJSON: one `change` line per row, then exactly one `end` line.
 * A page without its `end` line is incomplete and must not be applied.
 */
export const feedCursorSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const feedChangeSchema = z.discriminatedUnion('op', [
  z.object({
    kind: z.literal('change'),
    cursor: feedCursorSchema,
    entity: z.literal('case'),
    op: z.literal('upsert'),
    data: caseRecordSchema,
  }),
  z.object({
    kind: z.literal('change'),
    cursor: feedCursorSchema,
    entity: z.literal('case'),
    op: z.literal('delete'),
    id: z.uuid(),
  }),
]);
export type FeedChange = z.infer<typeof feedChangeSchema>;

export const feedEndSchema = z.object({
  kind: z.literal('end'),
  /** The cursor to ask from next time; covers every change in this page. */
  cursor: feedCursorSchema,
  hasMore: z.boolean(),
});
export type FeedEnd = z.infer<typeof feedEndSchema>;

export const feedLineSchema = z.union([feedChangeSchema, feedEndSchema]);
export type FeedLine = z.infer<typeof feedLineSchema>;

export const FEED_PAGE_MAX = 5000;
export const feedQuerySchema = z.object({
  cursor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(FEED_PAGE_MAX).default(1000),
});
export type FeedQuery = z.infer<typeof feedQuerySchema>;

/** A live poke over the WebSocket: a hint that the feed has reached `cursor`. */
export const livePokeSchema = z.object({ kind: z.literal('poke'), cursor: feedCursorSchema });
export type LivePoke = z.infer<typeof livePokeSchema>;
