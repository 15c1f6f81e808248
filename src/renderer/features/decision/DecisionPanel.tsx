import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { TextAddRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/contract';
import type { OutboxItem, WorkDecideInput } from '../../../shared/contract/work-calls';
import {
  DECISION_KINDS,
  DECISION_TEXT_MAX,
  type DecisionKind,
  type DecisionReason,
} from '../../../shared/domain/decision';
import { useClaim, useDecide } from '../../api/use-work';
import { useFormat } from '../../i18n/use-format';
import { ConfirmDecisionDialog } from './ConfirmDecisionDialog';
import {
  checkDraft,
  EMPTY_DRAFT,
  firstErrorField,
  hasStarted,
  insertTemplate,
  needsConfirmation,
  reasonGroups,
  withKind,
  type DecisionDraft,
  type DraftErrors,
  type DraftField,
} from './decision-form';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  headingRow: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  kinds: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', rowGap: 0 },
  amount: { maxWidth: '12em' },
  textHeader: { display: 'flex', justifyContent: 'flex-end' },
  footer: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3 },
  waiting: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export interface DecisionPanelProps {
  detail: CaseDetail;
  /** True when the case can be decided: waiting for a decision, no other decision on its way. */
  decidable: boolean;
  /** This console's decision on the case that is still being sent, if any. */
  pending: OutboxItem | null;
  /** Another clerk's live claim: the form is shown but disabled, with their name. */
  blockedBy: string | null;
  /** The server cannot be reached: decisions are still recorded, and sent later. */
  offline: boolean;
  /** Recorded (still to be pushed): the queue moves on. */
  onDecided: (item: OutboxItem) => void;
}

/**
 * The decision form: kind, (new amount), reason, text with templates; Ctrl+Enter submits; final
 * steps ask once. Starting a decision claims an unclaimed case for the clerk, because that is the
 * moment they begin to work on it and others should see so; merely opening a case (scrolling
 * through the queue) claims nothing. The server releases the claim with the decision.
 */
export function DecisionPanel(props: DecisionPanelProps) {
  const { detail, decidable, pending, blockedBy, offline } = props;
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const decide = useDecide();
  const claim = useClaim();
  const [draft, setDraft] = useState<DecisionDraft>(EMPTY_DRAFT);
  const [attempted, setAttempted] = useState(false);
  const [confirming, setConfirming] = useState<WorkDecideInput | null>(null);
  const autoClaimed = useRef(false);
  const kindRef = useRef<HTMLDivElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLSelectElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const c = detail.case;
  const kase = { caseId: c.id, fineCents: c.fineCents, baseVersion: detail.version };
  const check = checkDraft(draft, kase);
  const errors: DraftErrors = check.ok ? {} : check.errors;
  const disabled = !decidable || blockedBy !== null || decide.isPending;
  const officerName = detail.officer.name ?? detail.officer.id;

  useEffect(() => {
    if (autoClaimed.current || !hasStarted(draft) || blockedBy !== null || !decidable) return;
    autoClaimed.current = true;
    if (!detail.claim) claim.mutate({ caseId: c.id, claim: true });
  }, [draft, blockedBy, decidable, detail.claim, c.id, claim]);

  // Alt+E from anywhere (the queue's grid keeps focus while the pane shows a case) jumps to the
  // decision, so the clerk gets from the row to deciding without the mouse.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.key.toLowerCase() !== 'e') {
        return;
      }
      // A dialog above (photo viewer, confirmation) keeps the keyboard to itself.
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      event.preventDefault();
      const radio = kindRef.current?.querySelector<HTMLInputElement>('input:checked, input');
      if (radio && !radio.disabled) radio.focus();
      else sectionRef.current?.focus();
      sectionRef.current?.scrollIntoView({ block: 'nearest' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const update = (next: Partial<DecisionDraft>) => setDraft((d) => ({ ...d, ...next }));

  const shownError = (field: DraftField): string | undefined => {
    const code = errors[field];
    if (!code) return undefined;
    // The amount is checked as the clerk types; everything else once they try to submit.
    const live = field === 'amount' && draft.amount.trim() !== '' && code !== 'amountRequired';
    if (!attempted && !live) return undefined;
    return t(`decision.errors.${code}`, {
      fine: format.amount(c.fineCents),
      max: DECISION_TEXT_MAX,
    });
  };

  const focusField = (field: DraftField) => {
    if (field === 'kind') {
      kindRef.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus();
    } else if (field === 'amount') amountRef.current?.focus();
    else if (field === 'reasonCode') reasonRef.current?.focus();
    else textRef.current?.focus();
  };

  const record = (input: WorkDecideInput) => {
    decide.mutate(input, {
      onSuccess: (item) => {
        setDraft(EMPTY_DRAFT);
        setAttempted(false);
        props.onDecided(item);
      },
    });
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (disabled) return;
    setAttempted(true);
    if (!check.ok) {
      const field = firstErrorField(check.errors);
      if (field) focusField(field);
      return;
    }
    if (needsConfirmation(check.input.decision)) setConfirming(check.input);
    else record(check.input);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const { suggested, others } = reasonGroups(draft.kind);
  const reasonOption = (r: DecisionReason) => (
    <option key={r} value={r}>
      {t(`decision.reason.${r}`)}
    </option>
  );
  const statement = draft.kind === 'request_statement';
  const titleId = `decision-${c.id}`;
  const lastDecision = detail.decisions.at(-1);

  return (
    <section
      ref={sectionRef}
      tabIndex={-1}
      className={styles.root}
      aria-labelledby={titleId}
      aria-keyshortcuts="Alt+E"
      data-testid="decision-panel"
    >
      <div className={styles.headingRow}>
        <h3 id={titleId} className={styles.heading}>
          {t('decision.heading')}
        </h3>
        <span className={styles.hint} aria-hidden>
          {t('decision.shortcut')}
        </span>
      </div>
      {pending && (
        <div className={styles.waiting} role="status" data-testid="decision-pending">
          <Spinner size="extra-tiny" aria-hidden />
          <Text>
            {pending.mutation.kind === 'decision'
              ? t('decision.waiting', { kind: t(`decision.kind.${pending.mutation.decision}`) })
              : null}
            {(offline || pending.lastError !== null) &&
              ` ${t('casePane.outbox.pendingOffline', { kind: t('casePane.outbox.kind.decision') })}`}
          </Text>
        </div>
      )}
      {!pending && !decidable && (
        <Text className={styles.muted} data-testid="decision-not-decidable">
          {t('decision.notDecidable')}
          {lastDecision &&
            ` ${t('decision.lastDecision', {
              kind: t(`decision.done.${lastDecision.kind}`),
              time: format.dateTime(lastDecision.decidedAt),
              reason: t(`decision.reason.${lastDecision.reasonCode}`),
            })}`}
        </Text>
      )}
      {decidable && !pending && (
        <>
          {blockedBy !== null && (
            <MessageBar intent="warning" data-testid="decision-blocked">
              <MessageBarBody>{t('decision.blocked', { name: blockedBy })}</MessageBarBody>
            </MessageBar>
          )}
          {offline && blockedBy === null && (
            <MessageBar intent="info" data-testid="decision-offline">
              <MessageBarBody>{t('decision.offline')}</MessageBarBody>
            </MessageBar>
          )}
          <form className={styles.form} onSubmit={submit} onKeyDown={onKeyDown} noValidate>
            <fieldset className={styles.fieldset} disabled={disabled}>
              <Field
                label={t('decision.kindLabel')}
                required
                validationMessage={shownError('kind')}
              >
                <RadioGroup
                  ref={kindRef}
                  className={styles.kinds}
                  value={draft.kind ?? ''}
                  disabled={disabled}
                  onChange={(_e, data) => setDraft((d) => withKind(d, data.value as DecisionKind))}
                  data-testid="decision-kind"
                >
                  {DECISION_KINDS.map((kind) => (
                    <Radio key={kind} value={kind} label={t(`decision.kind.${kind}`)} />
                  ))}
                </RadioGroup>
              </Field>
              {draft.kind === 'reduce' && (
                <Field
                  label={t('decision.amountLabel', { fine: format.amount(c.fineCents) })}
                  required
                  validationMessage={shownError('amount')}
                >
                  <Input
                    ref={amountRef}
                    className={styles.amount}
                    value={draft.amount}
                    inputMode="decimal"
                    placeholder={t('decision.amountPlaceholder')}
                    contentAfter="€"
                    disabled={disabled}
                    onChange={(_e, data) => update({ amount: data.value })}
                    data-testid="decision-amount"
                  />
                </Field>
              )}
              <Field
                label={t('decision.reasonLabel')}
                required
                validationMessage={shownError('reasonCode')}
              >
                <Select
                  ref={reasonRef}
                  value={draft.reasonCode ?? ''}
                  disabled={disabled}
                  onChange={(_e, data) =>
                    update({
                      reasonCode: data.value === '' ? null : (data.value as DecisionReason),
                    })
                  }
                  data-testid="decision-reason"
                >
                  <option value="" disabled>
                    {t('decision.reasonPlaceholder')}
                  </option>
                  {suggested.length > 0 ? (
                    <>
                      <optgroup label={t('decision.reasonSuggested')}>
                        {suggested.map(reasonOption)}
                      </optgroup>
                      <optgroup label={t('decision.reasonOthers')}>
                        {others.map(reasonOption)}
                      </optgroup>
                    </>
                  ) : (
                    others.map(reasonOption)
                  )}
                </Select>
              </Field>
              <Field
                label={
                  statement
                    ? t('decision.textLabelStatement', { name: officerName })
                    : t('decision.textLabel')
                }
                required={statement}
                hint={statement ? t('decision.textHintStatement') : t('decision.textHint')}
                validationMessage={shownError('text')}
              >
                <Textarea
                  ref={textRef}
                  value={draft.text}
                  resize="vertical"
                  rows={statement ? 4 : 3}
                  maxLength={DECISION_TEXT_MAX}
                  disabled={disabled}
                  onChange={(_e, data) => update({ text: data.value })}
                  data-testid="decision-text"
                />
              </Field>
              <div className={styles.textHeader}>
                <Button
                  size="small"
                  appearance="subtle"
                  icon={<TextAddRegular />}
                  disabled={disabled || !draft.reasonCode}
                  onClick={() => {
                    if (!draft.reasonCode) return;
                    update({
                      text: insertTemplate(draft.text, t(`decision.templates.${draft.reasonCode}`)),
                    });
                    textRef.current?.focus();
                  }}
                  data-testid="decision-template"
                >
                  {t('decision.template')}
                </Button>
              </div>
              <div className={styles.footer}>
                <Button
                  ref={submitRef}
                  type="submit"
                  appearance="primary"
                  disabled={disabled}
                  aria-keyshortcuts="Control+Enter"
                  data-testid="decision-submit"
                >
                  {draft.kind ? t(`decision.submitKind.${draft.kind}`) : t('decision.submit')}
                </Button>
                <span className={styles.hint} aria-hidden>
                  {t('decision.submitHint')}
                </span>
              </div>
            </fieldset>
          </form>
          {decide.isError && (
            <MessageBar intent="error" data-testid="decision-error">
              <MessageBarBody>
                {t('decision.failed', { error: decide.error.message })}
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
      {confirming && (
        <ConfirmDecisionDialog
          open
          kind={confirming.decision}
          reasonCode={confirming.reasonCode}
          fineCents={c.fineCents}
          newAmountCents={confirming.newAmountCents}
          fileNumber={c.fileNumber}
          plate={c.plate}
          onConfirm={() => {
            setConfirming(null);
            record(confirming);
          }}
          onCancel={() => {
            setConfirming(null);
            requestAnimationFrame(() => submitRef.current?.focus());
          }}
        />
      )}
    </section>
  );
}
