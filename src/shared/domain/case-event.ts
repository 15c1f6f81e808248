import { z } from 'zod';
import { instantSchema } from './time';

/** Everything that can happen to a case; the timeline shows them in order. */
export const CASE_EVENT_KINDS = [
  'recorded',
  'photo_added',
  'disputed',
  'claimed',
  'released',
  'decided',
  'message',
  'status_changed',
] as const;
export const caseEventKindSchema = z.enum(CASE_EVENT_KINDS);
export type CaseEventKind = z.infer<typeof caseEventKindSchema>;

/** One entry of a case's audit trail: who did what, when. */
export const caseEventRecordSchema = z.object({
  id: z.string().min(1).max(64),
  caseId: z.uuid(),
  kind: caseEventKindSchema,
  actorId: z.string().min(1).max(64),
  at: instantSchema,
  /** A reference to the record behind the event (decision, dispute, message, photo), if any. */
  refId: z.string().max(64).nullable(),
  /** A short, non-personal summary, e.g. the decision kind or the new status. */
  detail: z.string().max(200).nullable(),
});
export type CaseEventRecord = z.infer<typeof caseEventRecordSchema>;
