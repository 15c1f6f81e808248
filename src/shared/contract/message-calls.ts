import { z } from 'zod';
import { conversationKindSchema, prioritySchema } from '../domain/conversation';
import { dispatchStatusSchema } from '../domain/dispatch';
import { sha256Schema } from '../domain/photo';
import { instantSchema } from '../domain/time';
import { outboxStateSchema } from './work-calls';

/** Unread counts stop here ("999+"): counting a long backlog exactly buys the clerk nothing. */
export const UNREAD_CAP = 999;
/** A list entry's or a quote's excerpt of a message body, in characters. */
export const EXCERPT_MAX = 160;
/** Longest message search text. */
export const MESSAGE_SEARCH_MAX = 200;

const excerptSchema = z.string().max(EXCERPT_MAX + 1);

export const conversationSummarySchema = z.object({
  id: z.uuid(),
  kind: conversationKindSchema,
  /** A group's or channel's title; for a direct conversation the other person's name. */
  title: z.string(),
  /** For a direct conversation: the other person's id (to find it from a case's officer). */
  otherUserId: z.string().nullable(),
  /** The team a team channel belongs to (a dispatch to the team goes there). */
  teamId: z.string().nullable(),
  /** The team of a team channel, or of the other person of a direct conversation. */
  teamName: z.string().nullable(),
  memberCount: z.number().int().min(0),
  /** False in channels unless the user is a team lead or an admin; the server refuses them too. */
  canPost: z.boolean(),
  /** Messages from others newer than the newest one the user read or wrote; capped. */
  unread: z.number().int().min(0).max(UNREAD_CAP),
  lastMessage: z
    .object({
      id: z.uuid(),
      senderName: z.string(),
      mine: z.boolean(),
      excerpt: excerptSchema,
      sentAt: instantSchema,
    })
    .nullable(),
  /** The last message's time, or the conversation's creation: the list's order (newest first). */
  activeAt: instantSchema,
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const conversationListSchema = z.object({
  items: z.array(conversationSummarySchema),
  /** Unread messages over all conversations (each capped), for the navigation's badge. */
  unreadTotal: z.number().int().min(0),
});
export type ConversationList = z.infer<typeof conversationListSchema>;

/** How one of the user's own messages stands: the outbox first, then the others' receipts. */
export const ownDeliverySchema = z.object({
  /** The outbox state while it is on its way or stuck; `applied` once the server has it. */
  state: outboxStateSchema,
  /** Members other than the sender. */
  recipients: z.number().int().min(0),
  delivered: z.number().int().min(0),
  read: z.number().int().min(0),
  acknowledged: z.number().int().min(0),
});
export type OwnDelivery = z.infer<typeof ownDeliverySchema>;

export const messageViewSchema = z.object({
  id: z.uuid(),
  senderId: z.string(),
  /** The sender's display name, or their id when the directory does not know them. */
  senderName: z.string(),
  mine: z.boolean(),
  body: z.string(),
  sentAt: instantSchema,
  priority: prioritySchema,
  ackRequested: z.boolean(),
  /** The case it refers to; the file number and plate are null when the case is not in the copy. */
  case: z
    .object({ id: z.uuid(), fileNumber: z.string().nullable(), plate: z.string().nullable() })
    .nullable(),
  photoSha256s: z.array(sha256Schema),
  replyTo: z.object({ id: z.uuid(), senderName: z.string(), excerpt: excerptSchema }).nullable(),
  /** For the user's own messages. */
  delivery: ownDeliverySchema.nullable(),
  /** For others' messages: what the user has marked. */
  myReceipt: z.object({ read: z.boolean(), acknowledged: z.boolean() }).nullable(),
});
export type MessageView = z.infer<typeof messageViewSchema>;

/**
 * A page of a conversation by position, oldest first (position 0 is the first message ever), so a
 * virtualised list can ask for any stretch of a long conversation.
 */
export const messagesPageInputSchema = z.strictObject({
  conversationId: z.uuid(),
  offset: z.number().int().min(0).max(100_000_000),
  limit: z.number().int().min(1).max(200),
  /**
   * The last page instead, on the `limit` grid (offset a multiple of `limit`, `offset` ignored):
   * opening a conversation gets its length and its newest messages in one call.
   */
  tail: z.boolean().optional(),
});
export type MessagesPageInput = z.input<typeof messagesPageInputSchema>;

export const messagesPageSchema = z.object({
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  items: z.array(messageViewSchema),
});
export type MessagesPage = z.infer<typeof messagesPageSchema>;

export const messagesSearchInputSchema = z.strictObject({
  /** Words matched as prefixes, any characters taken literally. */
  query: z.string().trim().min(2).max(MESSAGE_SEARCH_MAX),
  conversationId: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type MessagesSearchInput = z.input<typeof messagesSearchInputSchema>;

export const messageHitSchema = z.object({
  messageId: z.uuid(),
  conversationId: z.uuid(),
  conversationTitle: z.string(),
  senderName: z.string(),
  sentAt: instantSchema,
  excerpt: excerptSchema,
  /** The message's position in its conversation (see messages.page), to scroll to it. */
  position: z.number().int().min(0),
});
export type MessageHit = z.infer<typeof messageHitSchema>;

export const messagesSearchSchema = z.object({
  /** Newest first. */
  hits: z.array(messageHitSchema),
});
export type MessagesSearch = z.infer<typeof messagesSearchSchema>;

/** How far a dispatch's recipients are: each counted once, a later state implying the earlier. */
export const dispatchCountsSchema = z.object({
  /** Members of the conversations it was posted to, the sender aside. */
  recipients: z.number().int().min(0),
  delivered: z.number().int().min(0),
  read: z.number().int().min(0),
  acknowledged: z.number().int().min(0),
});
export type DispatchCounts = z.infer<typeof dispatchCountsSchema>;

export const dispatchSummarySchema = z.object({
  id: z.uuid(),
  excerpt: excerptSchema,
  priority: prioritySchema,
  ackRequested: z.boolean(),
  status: dispatchStatusSchema,
  /** Recorded here, not yet confirmed by the server. */
  pending: z.boolean(),
  /** The addressees by name: teams, conversations and people, in that order. */
  targets: z.array(z.string()),
  sendAt: instantSchema.nullable(),
  sentAt: instantSchema.nullable(),
  createdAt: instantSchema,
  remindAfterMinutes: z.number().int().nullable(),
  remindedAt: instantSchema.nullable(),
  counts: dispatchCountsSchema,
});
export type DispatchSummary = z.infer<typeof dispatchSummarySchema>;

/** Dispatches shown at most; older ones are history the lead can search in the conversations. */
export const DISPATCH_LIST_MAX = 200;

export const dispatchListSchema = z.object({
  /** The user's own dispatches, newest first. */
  items: z.array(dispatchSummarySchema),
});
export type DispatchList = z.infer<typeof dispatchListSchema>;

export const dispatchRecipientSchema = z.object({
  userId: z.string(),
  name: z.string(),
  teamName: z.string().nullable(),
  deliveredAt: instantSchema.nullable(),
  readAt: instantSchema.nullable(),
  acknowledgedAt: instantSchema.nullable(),
});
export type DispatchRecipient = z.infer<typeof dispatchRecipientSchema>;

export const dispatchDetailSchema = z.object({
  summary: dispatchSummarySchema,
  body: z.string(),
  /** By name. */
  recipients: z.array(dispatchRecipientSchema),
});
export type DispatchDetail = z.infer<typeof dispatchDetailSchema>;

/** Reading the conversations and messages the sync keeps (issue #6); writing is in work-calls. */
export const messageCalls = {
  /** The user's conversations, most recently active first, with unread counts. */
  'conversations.list': { input: z.strictObject({}), output: conversationListSchema },
  'messages.page': { input: messagesPageInputSchema, output: messagesPageSchema },
  'messages.search': { input: messagesSearchInputSchema, output: messagesSearchSchema },
  /** The user's dispatches with how far each has got (team leads; empty for others). */
  'dispatch.list': { input: z.strictObject({}), output: dispatchListSchema },
  /** One of the user's dispatches with every recipient's receipt; not_found for others'. */
  'dispatch.get': { input: z.strictObject({ dispatchId: z.uuid() }), output: dispatchDetailSchema },
} as const;
