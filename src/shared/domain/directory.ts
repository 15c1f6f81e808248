import { z } from 'zod';
import { roleSchema } from './user';

/** A team of field officers, as every client sees it. */
export const teamRecordSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  districts: z.array(z.number().int().min(1).max(25)),
});
export type TeamRecord = z.infer<typeof teamRecordSchema>;

/** A person in the directory: enough to show a name and to address a message. */
export const personRecordSchema = z.object({
  id: z.string().min(1).max(64),
  displayName: z.string().min(1).max(120),
  role: roleSchema,
  teamId: z.string().max(64).nullable(),
});
export type PersonRecord = z.infer<typeof personRecordSchema>;

/** An entry of the offence catalogue. */
export const offenceRecordSchema = z.object({
  code: z.string().min(1).max(16),
  text: z.string().min(1).max(500),
  fineCents: z.number().int().min(0).max(10_000_000),
  illustrative: z.boolean(),
});
export type OffenceRecord = z.infer<typeof offenceRecordSchema>;
