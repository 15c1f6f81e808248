import { describe, expect, it } from 'vitest';
import { DECISION_KINDS, DECISION_REASONS } from '../../../src/shared/domain/decision';
import { workDecideInputSchema } from '../../../src/shared/contract/work-calls';
import {
  checkDraft,
  EMPTY_DRAFT,
  firstErrorField,
  hasStarted,
  insertTemplate,
  needsConfirmation,
  parseAmount,
  reasonGroups,
  withKind,
  type DecisionDraft,
} from '../../../src/renderer/features/decision/decision-form';

const CASE_ID = '6f1c3c55-2b7e-4a43-9d8e-2f4f1d0c9a11';
const kase = { caseId: CASE_ID, fineCents: 3500, baseVersion: 4 };
const draft = (over: Partial<DecisionDraft>): DecisionDraft => ({ ...EMPTY_DRAFT, ...over });

describe('decision form: amounts', () => {
  it.each([
    ['25', 2500],
    ['25,5', 2550],
    ['25,50', 2550],
    ['25.50', 2550],
    ['25,50 €', 2550],
    [' 1.234,50 ', 123450],
    ['1.000', 100000],
    ['0,99', 99],
    ['15 EUR', 1500],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseAmount(text)).toBe(cents);
  });

  it.each(['', ' ', 'abc', '-5', '25,555', '1,2,3', '25.5.5', '€'])('refuses %j', (text) => {
    expect(parseAmount(text)).toBeNull();
  });
});

describe('decision form: checks', () => {
  it('requires a kind and a reason, and says so per field', () => {
    const check = checkDraft(EMPTY_DRAFT, kase);
    expect(check).toEqual({
      ok: false,
      errors: { kind: 'kindRequired', reasonCode: 'reasonRequired' },
    });
    expect(checkDraft(draft({ kind: 'uphold' }), kase)).toEqual({
      ok: false,
      errors: { reasonCode: 'reasonRequired' },
    });
  });

  it('accepts an uphold with a reason; the text is optional and trimmed', () => {
    const check = checkDraft(
      draft({ kind: 'uphold', reasonCode: 'offence_proven', text: '  x  ' }),
      kase,
    );
    expect(check).toEqual({
      ok: true,
      input: {
        caseId: CASE_ID,
        baseVersion: 4,
        decision: 'uphold',
        reasonCode: 'offence_proven',
        text: 'x',
      },
    });
  });

  it('a reduction needs a valid amount below the current fine, and above zero', () => {
    const reduce = (amount: string) =>
      checkDraft(draft({ kind: 'reduce', reasonCode: 'hardship', amount }), kase);
    expect(reduce('')).toMatchObject({ ok: false, errors: { amount: 'amountRequired' } });
    expect(reduce('zehn')).toMatchObject({ ok: false, errors: { amount: 'amountInvalid' } });
    expect(reduce('0')).toMatchObject({ ok: false, errors: { amount: 'amountZero' } });
    expect(reduce('35,00')).toMatchObject({ ok: false, errors: { amount: 'amountNotLower' } });
    expect(reduce('40')).toMatchObject({ ok: false, errors: { amount: 'amountNotLower' } });
    const ok = reduce('34,99');
    expect(ok).toMatchObject({ ok: true, input: { decision: 'reduce', newAmountCents: 3499 } });
  });

  it('an amount typed before switching away from reduce is not sent', () => {
    const check = checkDraft(
      draft({ kind: 'withdraw', reasonCode: 'sign_faulty', amount: '10' }),
      kase,
    );
    expect(check.ok && 'newAmountCents' in check.input).toBe(false);
  });

  it('a statement request needs a text for the officer', () => {
    const request = (text: string) =>
      checkDraft(draft({ kind: 'request_statement', reasonCode: 'statement_needed', text }), kase);
    expect(request('   ')).toEqual({ ok: false, errors: { text: 'textRequired' } });
    expect(request('Bitte Beschilderung prüfen.')).toMatchObject({ ok: true });
  });

  it('refuses a text longer than the server keeps', () => {
    const check = checkDraft(
      draft({ kind: 'uphold', reasonCode: 'other', text: 'x'.repeat(4001) }),
      kase,
    );
    expect(check).toEqual({ ok: false, errors: { text: 'textTooLong' } });
  });

  it('everything it accepts, work.decide accepts too', () => {
    for (const kind of DECISION_KINDS) {
      for (const reasonCode of DECISION_REASONS) {
        const check = checkDraft(
          draft({ kind, reasonCode, text: 'Vermerk', amount: kind === 'reduce' ? '20' : '' }),
          kase,
        );
        expect(check.ok).toBe(true);
        if (check.ok) expect(workDecideInputSchema.safeParse(check.input).success).toBe(true);
      }
    }
  });

  it('puts the cursor in the first field with an error, in the form order', () => {
    expect(firstErrorField({ text: 'textRequired', reasonCode: 'reasonRequired' })).toBe(
      'reasonCode',
    );
    expect(firstErrorField({ amount: 'amountNotLower', kind: 'kindRequired' })).toBe('kind');
    expect(firstErrorField({})).toBeNull();
  });
});

describe('decision form: behaviour', () => {
  it('asks for confirmation for final steps only', () => {
    expect(DECISION_KINDS.filter(needsConfirmation)).toEqual([
      'uphold',
      'reduce',
      'withdraw',
      'forward',
    ]);
  });

  it('a statement request picks its one fitting reason, but keeps a chosen one', () => {
    expect(withKind(EMPTY_DRAFT, 'request_statement').reasonCode).toBe('statement_needed');
    expect(withKind(draft({ reasonCode: 'other' }), 'request_statement').reasonCode).toBe('other');
    expect(withKind(EMPTY_DRAFT, 'withdraw').reasonCode).toBeNull();
    expect(withKind(draft({ text: 'bleibt' }), 'uphold').text).toBe('bleibt');
  });

  it('lists fitting reasons first and every reason exactly once', () => {
    for (const kind of [null, ...DECISION_KINDS]) {
      const { suggested, others } = reasonGroups(kind);
      expect([...suggested, ...others].toSorted()).toEqual([...DECISION_REASONS].toSorted());
    }
    expect(reasonGroups('withdraw').suggested).toContain('sign_faulty');
  });

  it('inserts a template after the text, once', () => {
    expect(insertTemplate('', 'Baustein.')).toBe('Baustein.');
    expect(insertTemplate('Eigener Satz.  ', 'Baustein.')).toBe('Eigener Satz.\n\nBaustein.');
    expect(insertTemplate('Eigener Satz.\n\nBaustein.', 'Baustein.')).toBe(
      'Eigener Satz.\n\nBaustein.',
    );
  });

  it('counts as started (and so claims) once anything is entered', () => {
    expect(hasStarted(EMPTY_DRAFT)).toBe(false);
    expect(hasStarted(draft({ text: '   ' }))).toBe(false);
    expect(hasStarted(draft({ kind: 'uphold' }))).toBe(true);
    expect(hasStarted(draft({ reasonCode: 'other' }))).toBe(true);
    expect(hasStarted(draft({ text: 'a' }))).toBe(true);
  });
});
