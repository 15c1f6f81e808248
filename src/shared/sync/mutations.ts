import { z } from 'zod';
import {
  conversationKindSchema,
  MESSAGE_BODY_MAX,
  MESSAGE_PHOTOS_MAX,
  prioritySchema,
  receiptStateSchema,
} from '../domain/conversation';
import {
  DECISION_TEXT_MAX,
  decisionKindSchema,
  decisionReasonSchema,
  type DecisionKind,
} from '../domain/decision';
import { checkDispatchRules, dispatchTargetsSchema, dispatchFields } from '../domain/dispatch';
import { sha256Schema } from '../domain/photo';
import { FEED_ENTITIES, type FeedEntity } from './feed';

/**
 * Local work a client pushes: each mutation carries a client-generated `id` (its idempotency
 * key: the server applies it at most once and answers a repeat with the first outcome) and,
 * where it changes a versioned row, the `baseVersion` it was based on.
 */
const base = { id: z.uuid() };

/** What a decision says, as the clerk enters it; shared with the console's `work.decide`. */
export const decisionFields = {
  caseId: z.uuid(),
  /** The case version the clerk saw; a case changed meanwhile ends in a conflict. */
  baseVersion: z.number().int().min(1),
  decision: decisionKindSchema,
  reasonCode: decisionReasonSchema,
  text: z.string().trim().max(DECISION_TEXT_MAX).default(''),
  newAmountCents: z.number().int().min(0).max(10_000_000).optional(),
};

/** The rules a decision obeys beyond its fields' types; for `.superRefine`. */
export function checkDecisionRules(
  m: { decision: DecisionKind; text: string; newAmountCents?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  if ((m.decision === 'reduce') !== (m.newAmountCents !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      message: 'newAmountCents is required for reduce and only for reduce',
      path: ['newAmountCents'],
    });
  }
  if (m.decision === 'request_statement' && m.text.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message: 'a statement request needs a text for the officer',
      path: ['text'],
    });
  }
}

export const decisionMutationSchema = z
  .object({ ...base, kind: z.literal('decision'), ...decisionFields })
  .superRefine(checkDecisionRules);

export const claimMutationSchema = z.object({
  ...base,
  kind: z.enum(['claim', 'release']),
  caseId: z.uuid(),
});

export const conversationMutationSchema = z
  .object({
    ...base,
    kind: z.literal('conversation'),
    /** The new conversation's id (client-generated). */
    conversationId: z.uuid(),
    type: conversationKindSchema,
    title: z.string().trim().max(120).default(''),
    /** Members besides the creator, who always joins (as owner). */
    memberIds: z.array(z.string().min(1).max(64)).min(1).max(1000),
    teamId: z.string().min(1).max(64).optional(),
  })
  .refine((m) => m.type !== 'direct' || m.memberIds.length === 1, {
    message: 'a direct conversation has exactly one other member',
    path: ['memberIds'],
  })
  .refine((m) => m.type === 'direct' || m.title.length > 0, {
    message: 'groups and channels need a title',
    path: ['title'],
  });

export const messageMutationSchema = z.object({
  /** Also the message's id. */
  ...base,
  kind: z.literal('message'),
  conversationId: z.uuid(),
  body: z.string().trim().min(1).max(MESSAGE_BODY_MAX),
  caseId: z.uuid().optional(),
  photoSha256s: z.array(sha256Schema).max(MESSAGE_PHOTOS_MAX).default([]),
  replyToId: z.uuid().optional(),
  priority: prioritySchema.default('normal'),
  ackRequested: z.boolean().default(false),
});

export const receiptMutationSchema = z.object({
  ...base,
  kind: z.literal('receipt'),
  messageId: z.uuid(),
  state: receiptStateSchema,
});

/**
 * A team lead's message to teams, conversations and people at once (see `DispatchRecord`); sent
 * at once, or at `sendAt` when that lies ahead. Team leads and admins only.
 */
export const dispatchMutationSchema = z
  .object({
    /** Also the dispatch's id. */
    ...base,
    kind: z.literal('dispatch'),
    targets: dispatchTargetsSchema,
    ...dispatchFields,
  })
  .superRefine(checkDispatchRules);

/** Calls off a scheduled dispatch of the sender's own before it is sent. */
export const dispatchCancelMutationSchema = z.object({
  ...base,
  kind: z.literal('dispatch_cancel'),
  dispatchId: z.uuid(),
});

export const mutationSchema = z.discriminatedUnion('kind', [
  decisionMutationSchema,
  claimMutationSchema,
  conversationMutationSchema,
  messageMutationSchema,
  receiptMutationSchema,
  dispatchMutationSchema,
  dispatchCancelMutationSchema,
]);
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationKind = Mutation['kind'];

export const MUTATION_BATCH_MAX = 100;

/**
 * The envelope is checked as a whole (a 400 if it is malformed); each entry is checked on its
 * own, so one malformed entry is answered `rejected` without blocking the rest of the batch.
 */
export const mutationBatchSchema = z.object({
  mutations: z.array(z.looseObject({})).min(1).max(MUTATION_BATCH_MAX),
});

const entityRef = z.object({
  entity: z.enum(FEED_ENTITIES as [FeedEntity, ...FeedEntity[]]),
  data: z.unknown(),
});

export const mutationResultSchema = z.discriminatedUnion('status', [
  z.object({
    /** Null only when the entry had no valid id. */
    id: z.uuid().nullable(),
    status: z.literal('applied'),
    /** True when this id had been applied before: a retry, answered without a second effect. */
    repeated: z.boolean(),
    /** The row as it stands after the mutation. */
    record: entityRef.nullable(),
  }),
  z.object({
    id: z.uuid().nullable(),
    status: z.literal('conflict'),
    reason: z.string(),
    /** The server's current row that the mutation collided with. */
    current: entityRef,
  }),
  z.object({
    id: z.uuid().nullable(),
    status: z.literal('rejected'),
    code: z.string(),
    reason: z.string(),
    field: z.string().optional(),
  }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const mutationBatchResponseSchema = z.object({
  /** One result per mutation, in the order sent. */
  results: z.array(mutationResultSchema),
  /** The feed's head after the batch: pulling up to it shows every applied effect. */
  cursor: z.number().int().min(0),
});
export type MutationBatchResponse = z.infer<typeof mutationBatchResponseSchema>;
