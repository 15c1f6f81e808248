import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../src/shared/contract';
import {
  workDecideBulkInputSchema,
  type OutboxItem,
} from '../../../src/shared/contract/work-calls';
import { caseWork } from '../../../src/renderer/features/case-pane/case-work';
import type { TFunction } from 'i18next';
import {
  deadlineTone,
  formatCalendarDate,
  timelineDetail,
} from '../../../src/renderer/features/case-pane/case-format';
import {
  checkBulkDraft,
  EMPTY_BULK_DRAFT,
  summarizeBulk,
} from '../../../src/renderer/features/decision/bulk-form';
import { theirSide } from '../../../src/renderer/features/decision/conflict-sides';

const A = '6f1c3c55-2b7e-4a43-9d8e-2f4f1d0c9a11';
const B = '0b8f9a77-5d1e-4c1f-8a0e-7c6a3e2b1d22';
const C = '9a2e4d10-3c6b-4f7a-b1d2-8e9f0a1b2c33';

function outboxItem(over: Partial<OutboxItem> & Pick<OutboxItem, 'id' | 'state'>): OutboxItem {
  return {
    kind: 'decision',
    mutation: {
      id: over.id,
      kind: 'decision',
      caseId: A,
      baseVersion: 3,
      decision: 'withdraw',
      reasonCode: 'sign_faulty',
      text: '',
    },
    caseId: A,
    conversationId: null,
    messageId: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    attempts: 0,
    lastError: null,
    repeated: null,
    rejection: null,
    conflict: null,
    ...over,
  };
}

const detailOf = (status: CaseDetail['case']['status'], over: Partial<CaseDetail> = {}) =>
  ({
    case: { id: A, status, version: 4 },
    decisions: [],
    timeline: [],
    claim: null,
    ...over,
  }) as unknown as CaseDetail;

describe('case work: what the decision panel may do', () => {
  it('decides only waiting cases, and not while a decision is on its way', () => {
    expect(caseWork(detailOf('disputed'), [])).toMatchObject({ decidable: true, pending: null });
    expect(caseWork(detailOf('awaiting_statement'), []).decidable).toBe(true);
    expect(caseWork(detailOf('withdrawn'), []).decidable).toBe(false);
    const pushing = outboxItem({ id: B, state: 'pushing' });
    expect(caseWork(detailOf('disputed'), [pushing])).toMatchObject({
      decidable: false,
      pending: { id: B },
    });
  });

  it('finds the newest conflicting decision and ignores other work and other cases', () => {
    const older = outboxItem({ id: B, state: 'conflict' });
    const newer = outboxItem({ id: C, state: 'conflict', createdAt: '2026-11-21T10:00:00.000Z' });
    const claim = outboxItem({ id: A, state: 'pending', kind: 'claim' });
    const elsewhere = outboxItem({ id: A, state: 'pending', caseId: B });
    const work = caseWork(detailOf('disputed'), [older, claim, newer, elsewhere]);
    expect(work.conflict?.id).toBe(C);
    expect(work.pending).toBeNull();
  });

  it('collects refused claims on the case, which a lost decision makes moot', () => {
    const refused = outboxItem({ id: B, state: 'rejected', kind: 'claim' });
    const pushing = outboxItem({ id: C, state: 'pushing', kind: 'claim' });
    const decision = outboxItem({ id: A, state: 'rejected' });
    expect(caseWork(detailOf('forwarded'), [refused, pushing, decision]).refusedClaims).toEqual([
      refused,
    ]);
  });
});

describe('conflict view: their side', () => {
  const decision = {
    id: C,
    caseId: A,
    kind: 'forward' as const,
    reasonCode: 'payment_refused' as const,
    text: '',
    newAmountCents: null,
    clerkId: 'clerk-2',
    decidedAt: '2026-11-20T11:00:00.000Z',
  };

  it('shows the winning decision with its clerk and the case status the feed brought', () => {
    const item = outboxItem({
      id: B,
      state: 'conflict',
      conflict: {
        reason: 'The case changed since version 3; it is now version 4',
        local: null,
        server: { entity: 'case', data: { id: A, status: 'forwarded', version: 4 } },
      },
    });
    const detail = detailOf('forwarded', {
      decisions: [decision],
      timeline: [
        {
          source: 'event',
          id: 'e1',
          at: decision.decidedAt,
          kind: 'decided',
          actor: { id: 'clerk-2', name: 'Frau Berger' },
          detail: 'forward',
          refId: C,
        },
      ],
    });
    expect(theirSide(item, detail)).toEqual({
      status: 'forwarded',
      decision,
      decidedBy: 'Frau Berger',
      claim: null,
    });
  });

  it('names the clerk holding the case when the conflict was a claim', () => {
    const item = outboxItem({
      id: B,
      state: 'conflict',
      conflict: {
        reason: 'The case is being worked on by clerk-2',
        local: null,
        server: {
          entity: 'claim',
          data: { caseId: A, clerkId: 'clerk-2', claimedAt: '2026-11-20T09:00:00.000Z' },
        },
      },
    });
    const detail = detailOf('disputed', {
      claim: {
        clerkId: 'clerk-2',
        clerkName: 'Frau Berger',
        claimedAt: '2026-11-20T09:00:00.000Z',
        expiresAt: '2026-11-20T09:30:00.000Z',
        mine: false,
      },
    });
    expect(theirSide(item, detail)).toMatchObject({
      status: null,
      decision: null,
      claim: { name: 'Frau Berger' },
    });
  });
});

describe('bulk form', () => {
  it('needs a kind and a reason; the input it builds is what work.decideBulk accepts', () => {
    expect(checkBulkDraft(EMPTY_BULK_DRAFT, [A])).toEqual({
      ok: false,
      errors: { kind: 'kindRequired', reasonCode: 'reasonRequired' },
    });
    const check = checkBulkDraft(
      { kind: 'withdraw', reasonCode: 'sign_faulty', text: ' Schild verdeckt ' },
      [A, B, A],
    );
    expect(check).toEqual({
      ok: true,
      input: {
        caseIds: [A, B],
        decision: 'withdraw',
        reasonCode: 'sign_faulty',
        text: 'Schild verdeckt',
      },
    });
    if (check.ok) expect(workDecideBulkInputSchema.safeParse(check.input).success).toBe(true);
    expect(checkBulkDraft({ kind: 'forward', reasonCode: 'other', text: '' }, []).ok).toBe(false);
  });

  it('sums up the result per skip reason, in a fixed order', () => {
    const summary = summarizeBulk({
      queued: [outboxItem({ id: A, state: 'pending' })],
      skipped: [
        { caseId: B, reason: 'claimed' },
        { caseId: C, reason: 'not_decidable' },
        { caseId: A, reason: 'claimed' },
      ],
    });
    expect(summary).toEqual({
      queued: 1,
      skipped: 3,
      byReason: [
        { reason: 'not_decidable', count: 1 },
        { reason: 'claimed', count: 2 },
      ],
    });
  });
});

describe('deadline display', () => {
  it('is urgent below 14 days and lapsed below zero', () => {
    expect(deadlineTone(30)).toBe('calm');
    expect(deadlineTone(14)).toBe('calm');
    expect(deadlineTone(13)).toBe('urgent');
    expect(deadlineTone(0)).toBe('urgent');
    expect(deadlineTone(-1)).toBe('lapsed');
  });

  it('writes the calendar date the German way without any time-zone shift', () => {
    expect(formatCalendarDate('2027-02-01', 'de')).toBe('01.02.2027');
    expect(formatCalendarDate('2027-02-01', 'en')).toBe('1 Feb 2027');
  });
});

describe('timeline wording', () => {
  // The keys stand in for the texts: what matters is which text each detail maps to.
  const t = ((key: string) => `<${key}>`) as unknown as TFunction;
  const entry = (kind: 'decided' | 'status_changed' | 'disputed' | 'message', detail: string) => ({
    source: 'event' as const,
    id: 'e',
    at: '2026-11-20T10:00:00.000Z',
    kind,
    actor: { id: 'x', name: 'X' },
    detail,
    refId: null,
  });

  it('puts decisions, statuses and dispute channels into words and leaves messages as written', () => {
    expect(timelineDetail(entry('decided', 'withdraw'), t)).toBe('<decision.done.withdraw>');
    expect(timelineDetail(entry('decided', 'reduce (hardship)'), t)).toBe(
      '<decision.done.reduce> (<decision.reason.hardship>)',
    );
    expect(timelineDetail(entry('status_changed', 'forwarded'), t)).toBe(
      '<cases.status.forwarded>',
    );
    expect(timelineDetail(entry('disputed', 'letter'), t)).toBe(
      '<casePane.statements.channel.letter>',
    );
    expect(timelineDetail(entry('message', 'Bitte um Rückruf (dringend)'), t)).toBe(
      'Bitte um Rückruf (dringend)',
    );
    expect(timelineDetail(entry('decided', 'something new'), t)).toBe('something new');
  });
});
