import { z } from 'zod';
import { sha256Schema } from '../domain/photo';

export const auditViewedInputSchema = z.strictObject({
  caseId: z.uuid(),
  /** A photo of the case shown in full; absent for opening the case itself. */
  photoSha256: sha256Schema.optional(),
});

export const auditCalls = {
  /**
   * The clerk opened a case or a photo: kept for the server's audit trail (who saw which
   * personal data). `recorded` is false for a repeat within a minute, which the trail already has.
   */
  'audit.viewed': {
    input: auditViewedInputSchema,
    output: z.object({ recorded: z.boolean() }),
  },
} as const;
