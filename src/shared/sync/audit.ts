import { z } from 'zod';
import { sha256Schema } from '../domain/photo';

/**
 * Who looked at which case and which photo: the console records each view locally (so none is
 * lost offline or in a crash) and pushes them to `POST /audit/views`, where the server keeps the
 * trail. A view's `id` is made by the console; the server stores each id once, so a batch sent
 * again after a lost response adds nothing.
 */
export const AUDIT_BATCH_MAX = 500;

export const auditViewSchema = z.strictObject({
  id: z.uuid(),
  caseId: z.uuid(),
  /** Set when the clerk opened a photo of the case in full, absent for opening the case. */
  photoSha256: sha256Schema.optional(),
  /** When the clerk opened it, by the console's clock. */
  viewedAt: z.iso.datetime({ offset: true }),
});
export type AuditView = z.infer<typeof auditViewSchema>;

export const auditViewBatchSchema = z.strictObject({
  views: z.array(auditViewSchema).min(1).max(AUDIT_BATCH_MAX),
});
export type AuditViewBatch = z.infer<typeof auditViewBatchSchema>;

/** `accepted`: views new to the server; `duplicates`: ids it already had. */
export const auditViewBatchResponseSchema = z.strictObject({
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
});
export type AuditViewBatchResponse = z.infer<typeof auditViewBatchResponseSchema>;

/** One row of `GET /audit/views` (admins only): the trail of a case, a user or a period. */
export const auditEntrySchema = z.strictObject({
  id: z.uuid(),
  userId: z.string(),
  username: z.string(),
  caseId: z.uuid(),
  photoSha256: sha256Schema.nullable(),
  viewedAt: z.string(),
  receivedAt: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const AUDIT_LIST_MAX = 1000;

/** `GET /audit/views`: filter by case, user and time; newest first, at most `limit`. */
export const auditQuerySchema = z.strictObject({
  caseId: z.uuid().optional(),
  userId: z.string().min(1).max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_LIST_MAX).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditListSchema = z.strictObject({ views: z.array(auditEntrySchema) });
