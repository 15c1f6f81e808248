import {
  Button,
  Checkbox,
  Combobox,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  shorthands,
  Radio,
  RadioGroup,
  Select,
  Tag,
  TagGroup,
  Text,
  Textarea,
  tokens,
  useComboboxFilter,
} from '@fluentui/react-components';
import { SaveRegular, SendRegular } from '@fluentui/react-icons';
import { type FormEvent, type KeyboardEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../shared/contract';
import { MESSAGE_BODY_MAX, PRIORITIES, type Priority } from '../../../shared/domain/conversation';
import { useSendDispatch } from '../../api/use-dispatch';
import { useConversations } from '../../api/use-messages';
import { useDirectory } from '../../api/use-queue';
import { fold } from '../../components/fold';
import { officeLocalToIso } from '../../i18n/format';
import { checkDispatchDraft, type DispatchDraft, EMPTY_DRAFT, REMINDER_CHOICES } from './draft';
import { templateName } from './templates';
import { useTemplates } from './use-templates';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    overflowY: 'auto',
    minHeight: 0,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  row: {
    display: 'flex',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
    alignItems: 'flex-start',
  },
  options: {
    display: 'flex',
    gap: tokens.spacingHorizontalXL,
    flexWrap: 'wrap',
    alignItems: 'center',
  },
  column: { flex: '1 1 220px', minWidth: 0 },
  fieldset: { ...shorthands.borderStyle('none'), margin: 0, padding: 0 },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightRegular,
  },
  choices: {
    display: 'flex',
    flexDirection: 'column',
    maxHeight: '168px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
  },
  hint: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  spacer: { flexGrow: 1 },
});

export interface DispatchFormProps {
  userId: string | null;
  /** The dispatch was recorded (it is pushed from the outbox). */
  onSent: (dispatchId: string) => void;
}

/**
 * A team lead's dispatch: to teams (their channels), channels and groups, and single officers at
 * once; priority, acknowledgement, a reminder for the unacknowledged, sending later, templates.
 */
export function DispatchForm({ userId, onSent }: DispatchFormProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const conversations = useConversations().data?.items ?? [];
  const officers = useDirectory().data?.officers ?? [];
  const templates = useTemplates(userId);
  const send = useSendDispatch();
  const [draft, setDraft] = useState<DispatchDraft>(EMPTY_DRAFT);
  const [touched, setTouched] = useState(false);
  // "In the future" is judged at the last edit while typing, and again when sending.
  const [editedAt, setEditedAt] = useState(() => Date.now());
  const update = (change: Partial<DispatchDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setEditedAt(Date.now());
  };

  // A team is reached through its channel; other channels and groups the lead may post to.
  const teams = conversations.filter((c) => c.kind === 'channel' && c.teamId !== null && c.canPost);
  const channels = conversations.filter(
    (c) => c.kind !== 'direct' && c.teamId === null && c.canPost,
  );
  const check = checkDispatchDraft(draft, editedAt, officeLocalToIso);
  const shown = touched ? check.errors : {};

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    setEditedAt(Date.now());
    const input = checkDispatchDraft(draft, Date.now(), officeLocalToIso).input;
    if (!input || send.isPending) return;
    send.mutate(input, {
      onSuccess: (item) => {
        setDraft(EMPTY_DRAFT);
        setTouched(false);
        onSent(item.id);
      },
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  const toggle = (list: readonly string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      onKeyDown={onKeyDown}
      data-testid="dispatch-form"
    >
      <h2 className={styles.heading}>{t('dispatch.form.heading')}</h2>
      <div className={styles.row}>
        <TargetChoices
          label={t('dispatch.form.teams')}
          items={teams}
          name={(c) => c.teamName ?? c.title}
          id={(c) => c.teamId ?? c.id}
          chosen={draft.teamIds}
          onToggle={(id, on) => update({ teamIds: toggle(draft.teamIds, id, on) })}
          testId="dispatch-teams"
        />
        <TargetChoices
          label={t('dispatch.form.channels')}
          items={channels}
          name={(c) => c.title}
          id={(c) => c.id}
          chosen={draft.conversationIds}
          onToggle={(id, on) => update({ conversationIds: toggle(draft.conversationIds, id, on) })}
          testId="dispatch-channels"
        />
        <OfficerPicker
          officers={officers}
          chosen={draft.userIds}
          onChange={(userIds) => update({ userIds })}
        />
      </div>
      {shown.targets && (
        <Text role="alert" className={styles.hint} data-testid="dispatch-targets-error">
          {t('dispatch.form.targetsRequired')}
        </Text>
      )}

      <Field label={t('dispatch.form.template')}>
        <div className={styles.actions}>
          <Select
            value=""
            onChange={(_event, data) => {
              const chosen = templates.templates.find((x) => x.id === data.value);
              if (chosen) {
                update({
                  body: chosen.body,
                  priority: chosen.priority,
                  ackRequested: chosen.ackRequested,
                  remindAfterMinutes: chosen.remindAfterMinutes,
                });
              }
            }}
            data-testid="dispatch-template"
          >
            <option value="">{t('dispatch.form.templateNone')}</option>
            {templates.templates.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </Select>
          <Button
            icon={<SaveRegular />}
            disabled={draft.body.trim() === ''}
            onClick={() =>
              templates.save({
                id: crypto.randomUUID(),
                name: templateName(draft.body),
                body: draft.body.trim(),
                priority: draft.priority,
                ackRequested: draft.ackRequested,
                remindAfterMinutes: check.reminderApplies ? draft.remindAfterMinutes : null,
              })
            }
            data-testid="dispatch-save-template"
          >
            {t('dispatch.form.saveTemplate')}
          </Button>
        </div>
      </Field>

      <Field
        label={t('dispatch.form.body')}
        required
        validationState={shown.body ? 'error' : 'none'}
        validationMessage={shown.body ? t('dispatch.form.bodyRequired') : undefined}
      >
        <Textarea
          value={draft.body}
          onChange={(_event, data) => update({ body: data.value })}
          maxLength={MESSAGE_BODY_MAX}
          rows={4}
          resize="vertical"
          data-testid="dispatch-body"
        />
      </Field>

      <div className={styles.options}>
        <Field label={t('dispatch.form.priority')}>
          <RadioGroup
            layout="horizontal"
            value={draft.priority}
            onChange={(_event, data) => update({ priority: data.value as Priority })}
            data-testid="dispatch-priority"
          >
            {PRIORITIES.map((p) => (
              <Radio key={p} value={p} label={t(`messages.message.priority.${p}`)} />
            ))}
          </RadioGroup>
        </Field>
        <Checkbox
          checked={draft.ackRequested}
          onChange={(_event, data) => update({ ackRequested: data.checked === true })}
          label={t('dispatch.form.ack')}
          data-testid="dispatch-ack"
        />
        <Field label={t('dispatch.form.reminder')} hint={t('dispatch.form.reminderHint')}>
          <Select
            value={draft.remindAfterMinutes === null ? '' : String(draft.remindAfterMinutes)}
            disabled={!check.reminderApplies}
            onChange={(_event, data) =>
              update({ remindAfterMinutes: data.value === '' ? null : Number(data.value) })
            }
            data-testid="dispatch-reminder"
          >
            <option value="">{t('dispatch.form.reminderNone')}</option>
            {REMINDER_CHOICES.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t('dispatch.form.reminderMinutes', { minutes })}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <div className={styles.row}>
        <Checkbox
          checked={draft.later}
          onChange={(_event, data) => update({ later: data.checked === true })}
          label={t('dispatch.form.later')}
          data-testid="dispatch-later"
        />
        {draft.later && (
          <Field
            label={t('dispatch.form.sendAt')}
            validationState={shown.sendAt ? 'error' : 'none'}
            validationMessage={shown.sendAt ? t('dispatch.form.sendAtPast') : undefined}
          >
            <Input
              type="datetime-local"
              value={draft.sendAtLocal}
              onChange={(_event, data) => update({ sendAtLocal: data.value })}
              data-testid="dispatch-send-at"
            />
          </Field>
        )}
      </div>

      {send.isError && (
        <Text role="alert" className={styles.hint}>
          {t('dispatch.form.failed', { error: send.error.message })}
        </Text>
      )}
      <div className={styles.actions}>
        <span className={styles.spacer} />
        <Button
          type="submit"
          appearance="primary"
          icon={<SendRegular />}
          disabled={send.isPending}
          data-testid="dispatch-send"
        >
          {draft.later ? t('dispatch.form.schedule') : t('dispatch.form.send')}
        </Button>
      </div>
    </form>
  );
}

function TargetChoices({
  label,
  items,
  name,
  id,
  chosen,
  onToggle,
  testId,
}: {
  label: string;
  items: readonly ConversationSummary[];
  name: (c: ConversationSummary) => string;
  id: (c: ConversationSummary) => string;
  chosen: readonly string[];
  onToggle: (id: string, on: boolean) => void;
  testId: string;
}) {
  const styles = useStyles();
  return (
    <fieldset className={mergeClasses(styles.column, styles.fieldset)} data-testid={testId}>
      <legend className={styles.legend}>{label}</legend>
      <div className={styles.choices}>
        {items.map((c) => (
          <Checkbox
            key={c.id}
            label={name(c)}
            checked={chosen.includes(id(c))}
            onChange={(_event, data) => onToggle(id(c), data.checked === true)}
          />
        ))}
      </div>
    </fieldset>
  );
}

function OfficerPicker({
  officers,
  chosen,
  onChange,
}: {
  officers: readonly { id: string; displayName: string; teamName: string | null }[];
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const names = useMemo(() => new Map(officers.map((o) => [o.id, o.displayName])), [officers]);
  const children = useComboboxFilter(
    query,
    officers.map((o) => ({
      value: o.id,
      children: o.teamName ? `${o.displayName} (${o.teamName})` : o.displayName,
    })),
    {
      noOptionsMessage: t('queue.filters.noMatch'),
      optionToText: (o) => names.get(o.value) ?? o.value,
      filter: (text, typed) => fold(text).includes(fold(typed.trim())),
    },
  );
  return (
    <div className={styles.column}>
      <Field label={t('dispatch.form.officers')}>
        <Combobox
          multiselect
          placeholder={t('dispatch.form.officersPlaceholder')}
          value={query}
          selectedOptions={[...chosen]}
          onChange={(event) => setQuery(event.target.value)}
          onOptionSelect={(_event, data) => {
            setQuery('');
            onChange(data.selectedOptions);
          }}
          data-testid="dispatch-officers"
        >
          {children}
        </Combobox>
      </Field>
      {chosen.length > 0 && (
        <TagGroup
          onDismiss={(_event, data) => onChange(chosen.filter((id) => id !== data.value))}
          size="small"
        >
          {chosen.map((id) => (
            <Tag key={id} value={id} dismissible>
              {names.get(id) ?? id}
            </Tag>
          ))}
        </TagGroup>
      )}
    </div>
  );
}
