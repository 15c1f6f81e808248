import { z } from 'zod';
import { instantSchema } from './time';

/** How a Widerspruch reached the office. */
export const DISPUTE_CHANNELS = ['letter', 'email', 'online', 'in_person'] as const;
export const disputeChannelSchema = z.enum(DISPUTE_CHANNELS);
export type DisputeChannel = z.infer<typeof disputeChannelSchema>;

export const STATEMENT_MAX = 10_000;

/** What the citizen-facing intake submits; `id` is its idempotency key. */
export const newDisputeSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  receivedAt: instantSchema,
  channel: disputeChannelSchema,
  /** The person's own words; personal data, shown to the office only. */
  statement: z.string().trim().min(1).max(STATEMENT_MAX),
});
export type NewDispute = z.infer<typeof newDisputeSchema>;

export const disputeRecordSchema = newDisputeSchema.extend({
  recordedBy: z.string().min(1).max(64),
  recordedAt: instantSchema,
});
export type DisputeRecord = z.infer<typeof disputeRecordSchema>;
