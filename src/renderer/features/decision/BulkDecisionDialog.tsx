import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
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
import {
  BULK_DECIDE_MAX,
  BULK_DECISION_KINDS,
  type BulkDecisionKind,
  type WorkDecideBulkInput,
  type WorkDecideBulkResult,
} from '../../../shared/contract/work-calls';
import { DECISION_TEXT_MAX, type DecisionReason } from '../../../shared/domain/decision';
import { useDecideBulk } from '../../api/use-work';
import {
  checkBulkDraft,
  EMPTY_BULK_DRAFT,
  isBulkKind,
  summarizeBulk,
  type BulkDraft,
} from './bulk-form';
import { insertTemplate, reasonGroups } from './decision-form';

export interface BulkDecisionDialogProps {
  /** The selected cases, in queue order. */
  caseIds: readonly string[];
  open: boolean;
  /** The kind the clerk chose in the queue's bulk bar, preselected (they can still change it). */
  kind?: BulkDecisionKind | null;
  /** Closed: `decided` is true when work was queued (the queue clears its selection). */
  onClose: (decided: boolean) => void;
}

const useStyles = makeStyles({
  surface: { maxWidth: '560px' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground3 },
  strong: { fontWeight: tokens.fontWeightSemibold },
  templateRow: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  // German labels ("3 Vorgänge entscheiden …") must not break inside the dialog's action column.
  nowrap: { whiteSpace: 'nowrap', flexShrink: 0 },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

type Step = 'form' | 'confirm' | 'result';

/**
 * Withdraw or forward the selected cases with one reason (a faulty sign in one street): the form,
 * one confirmation, then what was queued and what was skipped and why. Everything is recorded in
 * one local transaction (work.decideBulk) and sent in the background.
 */
export function BulkDecisionDialog({
  caseIds,
  open,
  kind: preselected = null,
  onClose,
}: BulkDecisionDialogProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const bulk = useDecideBulk();
  const [draft, setDraft] = useState<BulkDraft>({ ...EMPTY_BULK_DRAFT, kind: preselected });
  const [attempted, setAttempted] = useState(false);
  const [step, setStep] = useState<Step>('form');
  const [result, setResult] = useState<WorkDecideBulkResult | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const count = caseIds.length;
  const tooMany = count > BULK_DECIDE_MAX;
  const check = checkBulkDraft(draft, caseIds);
  const errors = check.ok ? {} : check.errors;

  // A new opening starts afresh; the result of the last run is not shown again.
  useEffect(() => {
    if (!open) return;
    setDraft({ ...EMPTY_BULK_DRAFT, kind: preselected });
    setAttempted(false);
    setStep('form');
    setResult(null);
  }, [open, preselected]);

  // The dialog focuses its first control when it opens; a later step moves focus itself.
  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
    if (step === 'result') closeRef.current?.focus();
  }, [step]);

  const close = () => {
    if (bulk.isPending) return;
    onClose(result !== null && result.queued.length > 0);
    bulk.reset();
  };

  const toConfirm = (event?: FormEvent) => {
    event?.preventDefault();
    setAttempted(true);
    if (check.ok && !tooMany) setStep('confirm');
  };
  const run = (input: WorkDecideBulkInput) => {
    bulk.mutate(input, {
      onSuccess: (answer) => {
        setResult(answer);
        setStep('result');
      },
      onError: () => setStep('form'),
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      toConfirm();
    }
  };
  const error = (field: 'kind' | 'reasonCode' | 'text') => {
    const code = errors[field];
    return attempted && code
      ? t(`decision.errors.${code}`, { fine: '', max: DECISION_TEXT_MAX })
      : undefined;
  };
  const { suggested, others } = reasonGroups(draft.kind);
  const option = (r: DecisionReason) => (
    <option key={r} value={r}>
      {t(`decision.reason.${r}`)}
    </option>
  );

  const formStep = (
    <form onSubmit={toConfirm} onKeyDown={onKeyDown} noValidate>
      <DialogBody>
        <DialogTitle>{t('bulk.title', { count })}</DialogTitle>
        <DialogContent className={styles.content}>
          <Text className={styles.muted}>{t('bulk.intro')}</Text>
          {tooMany && (
            <MessageBar intent="warning">
              <MessageBarBody>{t('bulk.tooMany', { max: BULK_DECIDE_MAX })}</MessageBarBody>
            </MessageBar>
          )}
          <Field label={t('bulk.kindLabel')} required validationMessage={error('kind')}>
            <RadioGroup
              value={draft.kind ?? ''}
              onChange={(_e, data) =>
                setDraft((d) => ({ ...d, kind: isBulkKind(data.value) ? data.value : null }))
              }
              data-testid="bulk-kind"
            >
              {BULK_DECISION_KINDS.map((kind) => (
                <Radio key={kind} value={kind} label={t(`bulk.kind.${kind}`)} />
              ))}
            </RadioGroup>
          </Field>
          <Field label={t('decision.reasonLabel')} required validationMessage={error('reasonCode')}>
            <Select
              value={draft.reasonCode ?? ''}
              onChange={(_e, data) =>
                setDraft((d) => ({
                  ...d,
                  reasonCode: data.value === '' ? null : (data.value as DecisionReason),
                }))
              }
              data-testid="bulk-reason"
            >
              <option value="" disabled>
                {t('decision.reasonPlaceholder')}
              </option>
              {suggested.length > 0 ? (
                <>
                  <optgroup label={t('decision.reasonSuggested')}>{suggested.map(option)}</optgroup>
                  <optgroup label={t('decision.reasonOthers')}>{others.map(option)}</optgroup>
                </>
              ) : (
                others.map(option)
              )}
            </Select>
          </Field>
          <Field
            label={t('decision.textLabel')}
            hint={t('decision.textHint')}
            validationMessage={error('text')}
          >
            <Textarea
              ref={textRef}
              value={draft.text}
              rows={3}
              resize="vertical"
              maxLength={DECISION_TEXT_MAX}
              onChange={(_e, data) => setDraft((d) => ({ ...d, text: data.value }))}
              data-testid="bulk-text"
            />
          </Field>
          <div className={styles.templateRow}>
            <span className={styles.hint} aria-hidden>
              {t('decision.submitHint')}
            </span>
            <Button
              size="small"
              appearance="subtle"
              icon={<TextAddRegular />}
              disabled={!draft.reasonCode}
              onClick={() => {
                const reason = draft.reasonCode;
                if (!reason) return;
                setDraft((d) => ({
                  ...d,
                  text: insertTemplate(d.text, t(`decision.templates.${reason}`)),
                }));
                textRef.current?.focus();
              }}
            >
              {t('decision.template')}
            </Button>
          </div>
          {bulk.isError && (
            <MessageBar intent="error" data-testid="bulk-error">
              <MessageBarBody>{t('bulk.failed', { error: bulk.error.message })}</MessageBarBody>
            </MessageBar>
          )}
        </DialogContent>
        <DialogActions>
          <Button
            type="submit"
            className={styles.nowrap}
            appearance="primary"
            disabled={tooMany || count === 0}
            aria-keyshortcuts="Control+Enter"
            data-testid="bulk-submit"
          >
            {t('bulk.submit', { count })}
          </Button>
          <Button appearance="secondary" onClick={close}>
            {t('bulk.cancel')}
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );

  const confirmStep = check.ok && (
    <DialogBody>
      <DialogTitle>{t('bulk.confirmTitle')}</DialogTitle>
      <DialogContent className={styles.content}>
        <Text className={styles.strong}>
          {t(`bulk.confirm.${check.input.decision}`, { count: check.input.caseIds.length })}
        </Text>
        <Text>
          {t('decision.confirm.reason', {
            reason: t(`decision.reason.${check.input.reasonCode}`),
          })}
        </Text>
        <Text className={styles.muted}>{t('decision.confirm.final')}</Text>
        {bulk.isPending && <Spinner size="tiny" label={t('bulk.working')} />}
      </DialogContent>
      <DialogActions>
        <Button
          ref={confirmRef}
          appearance="primary"
          disabled={bulk.isPending}
          onClick={() => run(check.input)}
          data-testid="bulk-confirm"
        >
          {t(`bulk.confirmButton.${check.input.decision}`)}
        </Button>
        <Button appearance="secondary" disabled={bulk.isPending} onClick={() => setStep('form')}>
          {t('bulk.back')}
        </Button>
      </DialogActions>
    </DialogBody>
  );

  const summary = result && summarizeBulk(result);
  const kind = check.ok ? check.input.decision : 'withdraw';
  const resultStep = summary && (
    <DialogBody>
      <DialogTitle>{t('bulk.title', { count })}</DialogTitle>
      <DialogContent className={styles.content}>
        <Text className={styles.strong} role="status" data-testid="bulk-result">
          {t(`bulk.result.${kind}`, { count: summary.queued })}
          {summary.skipped > 0 &&
            `, ${t('bulk.result.skipped', { count: summary.skipped })}: ${summary.byReason
              .map((r) => `${r.count} ${t(`bulk.skipReason.${r.reason}`)}`)
              .join(', ')}`}
        </Text>
        {summary.queued > 0 && <Text className={styles.muted}>{t('bulk.result.queuedNote')}</Text>}
      </DialogContent>
      <DialogActions>
        <Button ref={closeRef} appearance="primary" onClick={close} data-testid="bulk-close">
          {t('bulk.close')}
        </Button>
      </DialogActions>
    </DialogBody>
  );

  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && close()}>
      <DialogSurface className={styles.surface} data-testid="bulk-dialog">
        {step === 'result' ? resultStep : step === 'confirm' ? confirmStep : formStep}
      </DialogSurface>
    </Dialog>
  );
}
