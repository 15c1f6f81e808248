import { z } from 'zod';
import {
  MESSAGE_BODY_MAX,
  MESSAGE_PHOTOS_MAX,
  prioritySchema,
  receiptStateSchema,
} from '../domain/conversation';
import { DECISION_TEXT_MAX, decisionReasonSchema } from '../domain/decision';
import { checkDispatchRules, dispatchTargetsInputSchema, dispatchFields } from '../domain/dispatch';
import { sha256Schema } from '../domain/photo';
import { instantSchema } from '../domain/time';
import { FEED_ENTITIES, type FeedEntity } from '../sync/feed';
import {
  checkDecisionRules,
  decisionFields,
  mutationSchema,
  type MutationKind,
} from '../sync/mutations';

/**
 * Where a piece of local work stands: `pending` waits to be sent, `pushing` is on its way,
 * `applied` the server took (kept a while as history), `conflict` collided with someone else's
 * change (both versions kept), `rejected` the server refused (with its reason).
 */
export const OUTBOX_STATES = ['pending', 'pushing', 'applied', 'conflict', 'rejected'] as const;
export const outboxStateSchema = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof outboxStateSchema>;

const MUTATION_KINDS = [
  'decision',
  'claim',
  'release',
  'conversation',
  'message',
  'receipt',
  'dispatch',
  'dispatch_cancel',
] as const satisfies readonly MutationKind[];

const entityRefSchema = z.object({
  entity: z.enum(FEED_ENTITIES as [FeedEntity, ...FeedEntity[]]),
  data: z.unknown(),
});

export const outboxItemSchema = z.object({
  /** The mutation's id (its idempotency key at the server); for a message also the message's id. */
  id: z.uuid(),
  kind: z.enum(MUTATION_KINDS),
  state: outboxStateSchema,
  /** The mutation as it is (or was) pushed: the local version of the work. */
  mutation: mutationSchema,
  caseId: z.uuid().nullable(),
  conversationId: z.uuid().nullable(),
  messageId: z.uuid().nullable(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  /** Pushes tried so far. */
  attempts: z.number().int().min(0),
  /** Why the last push did not get through (offline, server error); null once answered. */
  lastError: z.string().nullable(),
  /** For applied work: true when the server had applied it before (a retry after a lost answer). */
  repeated: z.boolean().nullable(),
  /** For rejected work: the server's reason. */
  rejection: z
    .object({ code: z.string(), reason: z.string(), field: z.string().nullable() })
    .nullable(),
  /** For a conflict: the reason, the local row the work was based on, and the server's row now. */
  conflict: z
    .object({ reason: z.string(), local: z.unknown(), server: entityRefSchema })
    .nullable(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const workDecideInputSchema = z.strictObject(decisionFields).superRefine(checkDecisionRules);
export type WorkDecideInput = z.input<typeof workDecideInputSchema>;

/**
 * Bulk decisions are limited to the kinds that need no per-case judgement (a faulty sign in one
 * street): no amount to weigh, no officer to ask.
 */
export const BULK_DECISION_KINDS = ['withdraw', 'forward'] as const;
export type BulkDecisionKind = (typeof BULK_DECISION_KINDS)[number];
/** More than this at once is a selection accident rather than a street's worth of cases. */
export const BULK_DECIDE_MAX = 500;

export const workDecideBulkInputSchema = z.strictObject({
  caseIds: z
    .array(z.uuid())
    .min(1)
    .max(BULK_DECIDE_MAX)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'caseIds has duplicates' }),
  decision: z.enum(BULK_DECISION_KINDS),
  reasonCode: decisionReasonSchema,
  text: z.string().trim().max(DECISION_TEXT_MAX).default(''),
});
export type WorkDecideBulkInput = z.input<typeof workDecideBulkInputSchema>;

/**
 * Why a case of a bulk decision was left out: gone from the local copy, no longer waiting for a
 * decision, held by another clerk's live claim, or a decision of this console still on its way.
 */
export const BULK_SKIP_REASONS = ['not_found', 'not_decidable', 'claimed', 'pending'] as const;
export type BulkSkipReason = (typeof BULK_SKIP_REASONS)[number];

export const workDecideBulkOutputSchema = z.object({
  /** One pending decision per decided case, in the order of `caseIds`. */
  queued: z.array(outboxItemSchema),
  skipped: z.array(z.object({ caseId: z.uuid(), reason: z.enum(BULK_SKIP_REASONS) })),
});
export type WorkDecideBulkResult = z.infer<typeof workDecideBulkOutputSchema>;

const caseRefSchema = z.strictObject({ caseId: z.uuid() });

export const messagesSendInputSchema = z
  .strictObject({
    /** An existing conversation … */
    conversationId: z.uuid().optional(),
    /** … or a person: their direct conversation, opened first if there is none yet. */
    toUserId: z.string().min(1).max(64).optional(),
    body: z.string().trim().min(1).max(MESSAGE_BODY_MAX),
    caseId: z.uuid().optional(),
    photoSha256s: z.array(sha256Schema).max(MESSAGE_PHOTOS_MAX).default([]),
    replyToId: z.uuid().optional(),
    priority: prioritySchema.default('normal'),
    ackRequested: z.boolean().default(false),
  })
  .refine((m) => (m.conversationId === undefined) !== (m.toUserId === undefined), {
    message: 'name either a conversationId or a toUserId',
    path: ['conversationId'],
  });
export type MessagesSendInput = z.input<typeof messagesSendInputSchema>;

export const messagesMarkInputSchema = z.strictObject({
  messageId: z.uuid(),
  state: receiptStateSchema,
});

/**
 * A dispatch as the team lead composes it (see `DispatchRecord`): to teams, conversations and
 * people at once; `sendAt` ahead schedules it; `remindAfterMinutes` (urgent with acknowledgement
 * only) reminds whoever has not acknowledged once after that long.
 */
export const dispatchSendInputSchema = z
  .strictObject({
    targets: dispatchTargetsInputSchema,
    ...dispatchFields,
  })
  .superRefine(checkDispatchRules);
export type DispatchSendInput = z.input<typeof dispatchSendInputSchema>;

export const dispatchCancelInputSchema = z.strictObject({ dispatchId: z.uuid() });
export type DispatchCancelInput = z.input<typeof dispatchCancelInputSchema>;

/** More marks at once than a screen shows is not a clerk reading. */
export const MARK_MANY_MAX = 200;

export const messagesMarkManyInputSchema = z.strictObject({
  messageIds: z.array(z.uuid()).min(1).max(MARK_MANY_MAX),
  state: receiptStateSchema,
});

export const outboxListInputSchema = z.strictObject({
  states: z.array(outboxStateSchema).max(OUTBOX_STATES.length).optional(),
  caseId: z.uuid().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type OutboxListInput = z.input<typeof outboxListInputSchema>;

export const outboxListSchema = z.object({
  /** Newest first. */
  items: z.array(outboxItemSchema),
  /** Every state's count, whatever the filter. */
  counts: z.record(outboxStateSchema, z.number().int().min(0)),
});
export type OutboxList = z.infer<typeof outboxListSchema>;

const outboxRefSchema = z.strictObject({ id: z.uuid() });

/** Calls that record the clerk's work locally and push it through the outbox. */
export const workCalls = {
  /** Decides a disputed case; shown at once, pushed in the background. */
  'work.decide': { input: workDecideInputSchema, output: outboxItemSchema },
  /**
   * Withdraws or forwards several cases with one reason, in one local transaction: each decidable
   * case gets the decision work.decide would record; the others are skipped with a reason.
   */
  'work.decideBulk': { input: workDecideBulkInputSchema, output: workDecideBulkOutputSchema },
  /** Marks a case as being worked on by this clerk. */
  'work.claim': { input: caseRefSchema, output: outboxItemSchema },
  'work.release': { input: caseRefSchema, output: outboxItemSchema },
  'messages.send': { input: messagesSendInputSchema, output: outboxItemSchema },
  /** Marks a message delivered, read or acknowledged; null when it already is. */
  'messages.mark': { input: messagesMarkInputSchema, output: outboxItemSchema.nullable() },
  /**
   * Marks several messages at once (those on screen read, those arrived delivered): one local
   * transaction and one announcement. Messages already marked, gone, or the user's own are
   * skipped; the items are the receipts queued.
   */
  'messages.markMany': {
    input: messagesMarkManyInputSchema,
    output: z.object({ items: z.array(outboxItemSchema) }),
  },
  /**
   * Sends (or schedules) a dispatch; team leads and admins only (`forbidden` otherwise). Shown at
   * once as a pending dispatch; the item's `id` is the dispatch's id.
   */
  'dispatch.send': { input: dispatchSendInputSchema, output: outboxItemSchema },
  /** Calls off a scheduled dispatch of one's own before it is sent. */
  'dispatch.cancel': { input: dispatchCancelInputSchema, output: outboxItemSchema },
  'outbox.list': { input: outboxListInputSchema, output: outboxListSchema },
  /**
   * Sends a rejected or conflicting item again, as new work (a new id) on top of the server's
   * current version: "keep mine".
   */
  'outbox.retry': { input: outboxRefSchema, output: outboxItemSchema },
  /** Gives up a rejected or conflicting item and undoes what is left of it locally: "keep theirs". */
  'outbox.discard': { input: outboxRefSchema, output: z.object({ id: z.uuid() }) },
} as const;
