import { z } from 'zod';
import { caseRecordSchema } from '../domain/case';
import { caseEventRecordSchema } from '../domain/case-event';
import { claimRecordSchema } from '../domain/claim';
import {
  conversationRecordSchema,
  memberRecordSchema,
  messageRecordSchema,
  receiptRecordSchema,
} from '../domain/conversation';
import { decisionRecordSchema } from '../domain/decision';
import { dispatchRecordSchema } from '../domain/dispatch';
import { offenceRecordSchema, personRecordSchema, teamRecordSchema } from '../domain/directory';
import { disputeRecordSchema } from '../domain/dispute';
import { photoRecordSchema } from '../domain/photo';

/**
 * The change feed travels as NDJSON: one `change` line per row, then exactly one `end` line.
 * A page without its `end` line is incomplete and must not be applied.
 */
export const feedCursorSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * The feed's epoch: an opaque name for one unbroken history of cursors. The server starts a new
 * one when its history no longer continues the old (a reset for a schema change, a restored
 * backup); a reader whose cursor belongs to another epoch, or lies before the oldest cursor the
 * server can still resume from (history compacted away), is answered `410` with code
 * `FEED_RESET_CODE` and must read the feed again from cursor 0.
 */
export const feedEpochSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes only');
export const FEED_RESET_CODE = 'feed_reset';

/**
 * What the feed carries, each entity with the schema of its `data`. The `id` of a delete line is
 * the entity's key as the server writes it: the id, or for composite keys the parts joined by
 * `:` (member: conversation:user; receipt: message:user; claim: the case id; photo: the hash).
 */
export const FEED_ENTITY_SCHEMAS = {
  case: caseRecordSchema,
  photo: photoRecordSchema,
  dispute: disputeRecordSchema,
  decision: decisionRecordSchema,
  case_event: caseEventRecordSchema,
  claim: claimRecordSchema,
  conversation: conversationRecordSchema,
  member: memberRecordSchema,
  message: messageRecordSchema,
  receipt: receiptRecordSchema,
  team: teamRecordSchema,
  person: personRecordSchema,
  offence: offenceRecordSchema,
  dispatch: dispatchRecordSchema,
} as const;
export type FeedEntity = keyof typeof FEED_ENTITY_SCHEMAS;
export const FEED_ENTITIES = Object.keys(FEED_ENTITY_SCHEMAS) as FeedEntity[];
export type FeedRecordOf<E extends FeedEntity> = z.infer<(typeof FEED_ENTITY_SCHEMAS)[E]>;

function upsertLine<E extends FeedEntity>(entity: E) {
  return z.object({
    kind: z.literal('change'),
    cursor: feedCursorSchema,
    entity: z.literal(entity),
    op: z.literal('upsert'),
    data: FEED_ENTITY_SCHEMAS[entity],
  });
}

const feedUpsertSchema = z.discriminatedUnion('entity', [
  upsertLine('case'),
  upsertLine('photo'),
  upsertLine('dispute'),
  upsertLine('decision'),
  upsertLine('case_event'),
  upsertLine('claim'),
  upsertLine('conversation'),
  upsertLine('member'),
  upsertLine('message'),
  upsertLine('receipt'),
  upsertLine('team'),
  upsertLine('person'),
  upsertLine('offence'),
  upsertLine('dispatch'),
]);

const feedDeleteSchema = z.object({
  kind: z.literal('change'),
  cursor: feedCursorSchema,
  entity: z.enum(FEED_ENTITIES as [FeedEntity, ...FeedEntity[]]),
  op: z.literal('delete'),
  id: z.string().min(1).max(200),
});

export const feedChangeSchema = z.union([feedUpsertSchema, feedDeleteSchema]);
export type FeedChange = z.infer<typeof feedChangeSchema>;

export const feedEndSchema = z.object({
  kind: z.literal('end'),
  /** The cursor to ask from next time; covers every change in this page. */
  cursor: feedCursorSchema,
  hasMore: z.boolean(),
  /** The feed's epoch (see `feedEpochSchema`): cursors are only comparable within one epoch. */
  epoch: feedEpochSchema,
});
export type FeedEnd = z.infer<typeof feedEndSchema>;

export const feedLineSchema = z.union([feedChangeSchema, feedEndSchema]);
export type FeedLine = z.infer<typeof feedLineSchema>;

export const FEED_PAGE_MAX = 5000;
export const feedQuerySchema = z.object({
  cursor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(FEED_PAGE_MAX).default(1000),
  /** The epoch `cursor` belongs to, as the last end line said; absent on a first read. */
  epoch: feedEpochSchema.optional(),
});
export type FeedQuery = z.infer<typeof feedQuerySchema>;

/** A live poke over the WebSocket: a hint that the feed has reached `cursor`. */
export const livePokeSchema = z.object({ kind: z.literal('poke'), cursor: feedCursorSchema });
export type LivePoke = z.infer<typeof livePokeSchema>;
