import { z } from 'zod';
import { caseEventKindSchema } from '../domain/case-event';
import { CASE_STATUSES, caseRecordSchema, caseStatusSchema } from '../domain/case';
import { decisionRecordSchema } from '../domain/decision';
import { disputeRecordSchema } from '../domain/dispute';
import { photoRecordSchema } from '../domain/photo';
import { instantSchema } from '../domain/time';
import { caseListItemSchema } from './calls';
import { outboxItemSchema } from './work-calls';

/**
 * The queue's saved views; `disputed` is the default. `all` applies no view (every case, for a
 * search by plate across statuses, or a status filter of one's own); the filters narrow any view.
 */
export const QUEUE_VIEWS = [
  'disputed',
  'all',
  'mine',
  'unassigned',
  'due_soon',
  'awaiting_statement',
  'conflicts',
] as const;
export const queueViewSchema = z.enum(QUEUE_VIEWS);
export type QueueView = z.infer<typeof queueViewSchema>;

export const QUEUE_SORT_FIELDS = [
  'observedAt',
  'fileNumber',
  'plate',
  'fineCents',
  'district',
  'status',
  'deadline',
] as const;
export type QueueSortField = (typeof QUEUE_SORT_FIELDS)[number];

/** A Berlin calendar date, 'YYYY-MM-DD'. */
const dateSchema = z.iso.date();
const centsSchema = z.number().int().min(0).max(10_000_000);

/** Longest search text; longer input is a paste accident, not a query. */
export const QUEUE_SEARCH_MAX = 200;

export const queueFilterSchema = z.strictObject({
  view: queueViewSchema.default('disputed'),
  status: z.array(caseStatusSchema).max(CASE_STATUSES.length).optional(),
  district: z.array(z.number().int().min(1).max(25)).max(25).optional(),
  officerId: z.string().min(1).max(64).optional(),
  offenceCode: z.string().min(1).max(16).optional(),
  /** Observed on or after this Berlin date. */
  observedFrom: dateSchema.optional(),
  /** Observed on or before this Berlin date (inclusive). */
  observedTo: dateSchema.optional(),
  fineMin: centsSchema.optional(),
  fineMax: centsSchema.optional(),
  /**
   * Free text over plate, file number, street + house number and statements; any characters
   * (quotes, `*`, `NEAR(` are searched literally). Parts of three or more characters match
   * anywhere in a word; a search of one or two characters matches the start of a plate.
   */
  search: z.string().max(QUEUE_SEARCH_MAX).optional(),
});
export type QueueFilter = z.input<typeof queueFilterSchema>;

export const casesQueueInputSchema = queueFilterSchema.extend({
  sort: z
    .strictObject({ field: z.enum(QUEUE_SORT_FIELDS), dir: z.enum(['asc', 'desc']) })
    .default({ field: 'observedAt', dir: 'desc' }),
  offset: z.number().int().min(0).max(100_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  /**
   * Count the filter's rows in the same call (default false). Counting can cost more than the
   * page (up to the cap, through every match), so the renderer asks `cases.queueTotal` once per
   * filter, in parallel, and keeps the answer while it pages.
   */
  withTotal: z.boolean().default(false),
});
export type CasesQueueInput = z.input<typeof casesQueueInputSchema>;

export const caseClaimSchema = z.object({
  clerkId: z.string(),
  /** The clerk's display name, or their id when the directory does not know them. */
  clerkName: z.string(),
  claimedAt: instantSchema,
  expiresAt: instantSchema,
  /** Claimed by the logged-in clerk. */
  mine: z.boolean(),
});
export type CaseClaim = z.infer<typeof caseClaimSchema>;

const deadlineFields = {
  /** Last day prosecution is possible (Berlin date), see src/shared/domain/deadline.ts. */
  deadline: dateSchema,
  /** Whole days until `deadline`; 0 = last day, negative = lapsed. */
  daysLeft: z.number().int(),
};

export const queueRowSchema = caseListItemSchema.extend({
  ...deadlineFields,
  /** Only an unexpired claim; an expired one is shown as none. */
  claim: caseClaimSchema.nullable(),
  /** A decision of this console waits to be pushed (or is being pushed). */
  pending: z.boolean(),
});
export type QueueRow = z.infer<typeof queueRowSchema>;

/** Totals stop at this many: counting further costs time and shows as "10.000+". */
export const QUEUE_TOTAL_CAP = 10_000;

export const queuePageSchema = z.object({
  offset: z.number().int().min(0),
  rows: z.array(queueRowSchema),
  /** Rows matching the filter, at most QUEUE_TOTAL_CAP; null when not asked for (withTotal). */
  total: z.number().int().min(0).nullable(),
  /** False when `total` hit the cap (show "10.000+"); null with `total`. */
  totalExact: z.boolean().nullable(),
});
export type QueuePage = z.infer<typeof queuePageSchema>;

export const queueTotalSchema = z.object({
  /** Rows matching the filter, at most QUEUE_TOTAL_CAP. */
  total: z.number().int().min(0),
  /** False when `total` hit the cap (show "10.000+"). */
  totalExact: z.boolean(),
});
export type QueueTotal = z.infer<typeof queueTotalSchema>;

/** Cases in each saved view (no other filter applied), each capped like `total`. */
export const queueCountsSchema = z.object({
  counts: z.record(queueViewSchema, z.number().int().min(0)),
  /** Views whose count hit QUEUE_TOTAL_CAP. */
  capped: z.array(queueViewSchema),
});
export type QueueCounts = z.infer<typeof queueCountsSchema>;

export const casesGetInputSchema = z.strictObject({ caseId: z.uuid() });

const personRefSchema = z.object({ id: z.string(), name: z.string() });

export const timelineEntrySchema = z.object({
  /** Where it comes from: the case trail, a decision record, or a message about the case. */
  source: z.enum(['event', 'decision', 'message']),
  id: z.string(),
  at: instantSchema,
  /** An event's kind; `decided` for a decision, `message` for a message. */
  kind: caseEventKindSchema,
  actor: personRefSchema,
  /** A short summary: the event's detail, the decision's kind and reason, the message body. */
  detail: z.string().nullable(),
  /** An event's ref_id (decision, dispute, message, photo); for a message its conversation. */
  refId: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const caseDetailSchema = z.object({
  case: caseRecordSchema,
  ...deadlineFields,
  /** Whether a dispute interrupted the limitation. */
  deadlineInterrupted: z.boolean(),
  /** Pass as `baseVersion` to work.decide. */
  version: z.number().int().min(1),
  offence: z.object({
    code: z.string(),
    text: z.string(),
    /** The catalogue's standard fine; null when the catalogue lacks the code. */
    standardFineCents: z.number().int().nullable(),
  }),
  officer: z.object({
    id: z.string(),
    /** Null when the directory does not know the officer. */
    name: z.string().nullable(),
    team: z.object({ id: z.string(), name: z.string() }).nullable(),
  }),
  place: caseRecordSchema.pick({
    street: true,
    houseNumber: true,
    district: true,
    lat: true,
    lon: true,
  }),
  /** Oldest first. */
  disputes: z.array(disputeRecordSchema),
  /** Oldest first; states come from photos.forCase. */
  photos: z.array(photoRecordSchema.pick({ sha256: true, takenAt: true, lat: true, lon: true })),
  /** Oldest first. */
  decisions: z.array(decisionRecordSchema),
  /** Oldest first. */
  timeline: z.array(timelineEntrySchema),
  claim: caseClaimSchema.nullable(),
  /** Other cases of the same plate, newest first, at most 20. */
  samePlate: z.array(
    caseRecordSchema.pick({
      id: true,
      fileNumber: true,
      offenceText: true,
      fineCents: true,
      observedAt: true,
      status: true,
    }),
  ),
  /** This console's unfinished or failed work on the case: pending, pushing, conflict, rejected. */
  outbox: z.array(outboxItemSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/**
 * Who and what the queue's filters offer by name: the field officers (with their team) and the
 * offence catalogue, both synced with the cases. Sorted for display: officers by name, offences
 * by code.
 */
export const directorySchema = z.object({
  officers: z.array(
    z.object({
      id: z.string().min(1),
      displayName: z.string(),
      teamName: z.string().nullable(),
    }),
  ),
  offences: z.array(
    z.object({
      code: z.string().min(1),
      text: z.string(),
      fineCents: z.number().int().min(0),
    }),
  ),
});
export type Directory = z.infer<typeof directorySchema>;

/** Starts every not-found message of cases.get (code `not_found`). */
export const CASE_NOT_FOUND = 'Case not found';

/** The review queue and the case view (issue #5). */
export const caseCalls = {
  /** A page of the queue: one saved view, filters, search, sort. */
  'cases.queue': { input: casesQueueInputSchema, output: queuePageSchema },
  /** The (capped) number of cases a filter matches; cache it per filter. */
  'cases.queueTotal': { input: queueFilterSchema, output: queueTotalSchema },
  /** Counts per saved view; cheap, but cache it and refetch on data.changed. */
  'cases.queueCounts': { input: z.strictObject({}), output: queueCountsSchema },
  /** Everything about one case. */
  'cases.get': { input: casesGetInputSchema, output: caseDetailSchema },
  /** Officers and offences by name, for the filters; refetch on data.changed of cases. */
  'cases.directory': { input: z.strictObject({}), output: directorySchema },
} as const;
