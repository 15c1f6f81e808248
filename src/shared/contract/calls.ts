import { z } from 'zod';
import { CASE_STATUSES, caseRecordSchema, caseStatusSchema } from '../domain/case';
import { userSchema } from '../domain/user';
import { photoCalls } from './photo-calls';
import { syncStatusSchema } from './sync-status';
import { workCalls } from './work-calls';

export const CASE_SORT_FIELDS = [
  'observedAt',
  'fileNumber',
  'plate',
  'fineCents',
  'district',
  'status',
] as const;

export const casesListInputSchema = z.strictObject({
  offset: z.number().int().min(0).max(100_000_000),
  limit: z.number().int().min(1).max(500),
  sort: z
    .strictObject({
      field: z.enum(CASE_SORT_FIELDS),
      dir: z.enum(['asc', 'desc']),
    })
    .default({ field: 'observedAt', dir: 'desc' }),
  status: z.array(caseStatusSchema).max(CASE_STATUSES.length).optional(),
});
export type CasesListInput = z.input<typeof casesListInputSchema>;

export const caseListItemSchema = caseRecordSchema.pick({
  id: true,
  fileNumber: true,
  plate: true,
  offenceText: true,
  fineCents: true,
  street: true,
  houseNumber: true,
  district: true,
  observedAt: true,
  status: true,
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;

export const casesPageSchema = z.object({
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  rows: z.array(caseListItemSchema),
});
export type CasesPage = z.infer<typeof casesPageSchema>;

const noInput = z.strictObject({});

/**
 * Every call from renderer to main, declared once. Names are `area.verb`; the preload and the
 * browser bridge turn them into `window.kvue.area.verb(input)`.
 */
export const calls = {
  'cases.list': { input: casesListInputSchema, output: casesPageSchema },
  'sync.status': { input: noInput, output: syncStatusSchema },
  /** Who the console works as (the last login's user, also offline); null before any login. */
  'session.me': { input: noInput, output: userSchema.nullable() },
  ...photoCalls,
  ...workCalls,
} as const;
