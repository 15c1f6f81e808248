import { z } from 'zod';
import { instantSchema } from './time';

/**
 * `awaiting_statement`: a clerk asked the officer for a statement; `decided`: upheld or reduced;
 * `withdrawn`: eingestellt; `forwarded`: handed to the Bußgeldstelle; `closed`: paid or finished.
 */
export const CASE_STATUSES = [
  'open',
  'disputed',
  'awaiting_statement',
  'decided',
  'withdrawn',
  'forwarded',
  'closed',
] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** A Verwarnung as it travels through the change feed and is stored by the console. */
export const caseRecordSchema = z.object({
  id: z.uuid(),
  fileNumber: z.string().min(1).max(40),
  plate: z.string().min(1).max(16),
  vehicleMake: z.string().max(40),
  vehicleColor: z.string().max(40),
  offenceCode: z.string().min(1).max(16),
  offenceText: z.string().min(1).max(500),
  /** Fine in euro cents, to keep amounts exact. */
  fineCents: z.number().int().min(0).max(10_000_000),
  street: z.string().min(1).max(120),
  houseNumber: z.string().max(12),
  district: z.number().int().min(1).max(25),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  observedAt: instantSchema,
  officerId: z.string().min(1).max(64),
  status: caseStatusSchema,
  version: z.number().int().min(1),
  updatedAt: instantSchema,
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

/** What a field officer submits for a new case; the server assigns file number, status and version. */
export const newCaseSchema = caseRecordSchema
  .pick({
    plate: true,
    vehicleMake: true,
    vehicleColor: true,
    offenceCode: true,
    street: true,
    houseNumber: true,
    district: true,
    lat: true,
    lon: true,
    observedAt: true,
  })
  .extend({ id: z.uuid() });
export type NewCase = z.infer<typeof newCaseSchema>;
