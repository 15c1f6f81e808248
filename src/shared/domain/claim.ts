import { z } from 'zod';
import { instantSchema } from './time';

/** A claim lapses on its own after this long, so a clerk who left does not block a case. */
export const CLAIM_TTL_MS = 30 * 60 * 1000;

/** Who is working on a case; at most one claim per case. Released claims are deleted. */
export const claimRecordSchema = z.object({
  caseId: z.uuid(),
  clerkId: z.string().min(1).max(64),
  claimedAt: instantSchema,
  expiresAt: instantSchema,
});
export type ClaimRecord = z.infer<typeof claimRecordSchema>;
