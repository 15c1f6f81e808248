import {
  Button,
  Checkbox,
  Combobox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Option,
  tokens,
  useComboboxFilter,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fold } from '../../components/fold';
import { useDirectory } from '../../api/use-queue';
import { useFormat } from '../../i18n/use-format';
import { DISTRICTS } from '../../../shared/domain/districts';
import type { CaseStatus } from '../../../shared/domain/case';
import { STATUS_FILTERS } from '../cases/status-filter';
import { centsToInput, parseEuros, type QueueFilters } from './queue-state';

const STATUSES = STATUS_FILTERS.filter((s): s is CaseStatus => s !== 'all');

const useStyles = makeStyles({
  root: {
    display: 'grid',
    // minmax(0, …): Fluent's inputs have an intrinsic width that would push past the popover.
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    width: '540px',
    maxWidth: '90vw',
  },
  fill: { width: '100%', minWidth: 0 },
  fieldset: { border: 0, margin: 0, padding: 0, minWidth: 0 },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
  },
  wide: { gridColumn: '1 / -1' },
  statuses: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    columnGap: tokens.spacingHorizontalS,
  },
  pair: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
  },
  pairInput: { flexGrow: 1, flexBasis: 0, minWidth: 0, width: '100%' },
  dash: { color: tokens.colorNeutralForeground3 },
  actions: {
    gridColumn: '1 / -1',
    display: 'flex',
    justifyContent: 'flex-end',
    gap: tokens.spacingHorizontalS,
  },
});

/** The filter form inside the "Filter" popover; every change applies at once. */
export function FilterPanel({
  filters,
  onChange,
  onReset,
  onClose,
}: {
  filters: QueueFilters;
  onChange: (patch: Partial<QueueFilters>) => void;
  onReset: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const toggleStatus = (status: CaseStatus, on: boolean) =>
    onChange({
      status: on ? [...filters.status, status] : filters.status.filter((s) => s !== status),
    });
  const districtLabel = (id: number) => `${id} – ${DISTRICTS.find((d) => d.id === id)?.name ?? id}`;
  const directory = useDirectory().data;
  const { amount } = useFormat();
  const officers = useMemo(
    () =>
      (directory?.officers ?? []).map((o) => ({
        value: o.id,
        text: o.teamName ? `${o.displayName} (${o.teamName})` : o.displayName,
      })),
    [directory],
  );
  const offences = useMemo(
    () =>
      (directory?.offences ?? []).map((o) => ({
        value: o.code,
        text: `${o.code} · ${o.text} · ${amount(o.fineCents)}`,
      })),
    [directory, amount],
  );

  return (
    <div className={styles.root} data-testid="filter-panel">
      <fieldset className={mergeClasses(styles.wide, styles.fieldset)}>
        <legend className={styles.legend}>{t('queue.filters.status')}</legend>
        <div className={styles.statuses}>
          {STATUSES.map((status) => (
            <Checkbox
              key={status}
              label={t(`cases.filter.${status}`)}
              checked={filters.status.includes(status)}
              onChange={(_, data) => toggleStatus(status, data.checked === true)}
              data-status={status}
            />
          ))}
        </div>
      </fieldset>

      <Field label={t('queue.filters.district')} className={styles.wide}>
        <Dropdown
          className={styles.fill}
          multiselect
          placeholder={t('queue.filters.districtAny')}
          selectedOptions={filters.district.map(String)}
          value={filters.district.map(districtLabel).join(', ')}
          onOptionSelect={(_, data) =>
            onChange({ district: data.selectedOptions.map(Number).sort((a, b) => a - b) })
          }
          data-testid="filter-district"
        >
          {DISTRICTS.map((district) => (
            <Option key={district.id} value={String(district.id)}>
              {districtLabel(district.id)}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Field label={t('queue.filters.officer')} className={styles.wide}>
        <Picker
          placeholder={t('queue.filters.officerAny')}
          options={officers}
          value={filters.officerId}
          onChange={(officerId) => onChange({ officerId })}
          testId="filter-officer"
        />
      </Field>
      <Field label={t('queue.filters.offence')} className={styles.wide}>
        <Picker
          placeholder={t('queue.filters.offenceAny')}
          options={offences}
          value={filters.offenceCode}
          onChange={(offenceCode) => onChange({ offenceCode })}
          testId="filter-offence"
        />
      </Field>

      <Field label={t('queue.filters.observed')} className={styles.wide}>
        <div className={styles.pair}>
          <Input
            type="date"
            className={styles.pairInput}
            aria-label={t('queue.filters.observedFrom')}
            value={filters.observedFrom}
            onChange={(_, data) => onChange({ observedFrom: data.value })}
            data-testid="filter-from"
          />
          <span className={styles.dash} aria-hidden>
            –
          </span>
          <Input
            type="date"
            className={styles.pairInput}
            aria-label={t('queue.filters.observedTo')}
            value={filters.observedTo}
            onChange={(_, data) => onChange({ observedTo: data.value })}
            data-testid="filter-to"
          />
        </div>
      </Field>
      <Field label={t('queue.filters.fine')} className={styles.wide}>
        <div className={styles.pair}>
          <AmountInput
            label={t('queue.filters.fineMin')}
            cents={filters.fineMin}
            onChange={(fineMin) => onChange({ fineMin })}
            testId="filter-fine-min"
          />
          <span className={styles.dash} aria-hidden>
            –
          </span>
          <AmountInput
            label={t('queue.filters.fineMax')}
            cents={filters.fineMax}
            onChange={(fineMax) => onChange({ fineMax })}
            testId="filter-fine-max"
          />
        </div>
      </Field>

      <div className={styles.actions}>
        <Button onClick={onReset}>{t('queue.filters.reset')}</Button>
        <Button appearance="primary" onClick={onClose}>
          {t('queue.filters.done')}
        </Button>
      </div>
    </div>
  );
}

interface PickerOption {
  value: string;
  text: string;
}

/**
 * One of a few hundred named things, found by typing any part of its name; '' is none. A value
 * the list does not know (a saved filter from before a sync) still shows, as its id.
 */
function Picker({
  placeholder,
  options,
  value,
  onChange,
  testId,
}: {
  placeholder: string;
  options: PickerOption[];
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  // null while the clerk is not typing: the box then shows the chosen option.
  const [query, setQuery] = useState<string | null>(null);
  const texts = useMemo(() => new Map(options.map((o) => [o.value, o.text])), [options]);
  const children = useComboboxFilter(
    query ?? '',
    options.map((o) => ({ value: o.value, children: o.text })),
    {
      noOptionsMessage: t('queue.filters.noMatch'),
      optionToText: (o) => texts.get(o.value) ?? o.value,
      filter: (text, typed) => fold(text).includes(fold(typed.trim())),
    },
  );
  return (
    <Combobox
      className={styles.fill}
      clearable
      placeholder={placeholder}
      value={query ?? (value === '' ? '' : (texts.get(value) ?? value))}
      selectedOptions={value === '' ? [] : [value]}
      onChange={(event) => setQuery(event.target.value)}
      onOptionSelect={(_, data) => {
        setQuery(null);
        onChange(data.optionValue ?? '');
      }}
      onOpenChange={(_, data) => {
        if (!data.open) setQuery(null);
      }}
      data-testid={testId}
    >
      {children}
    </Combobox>
  );
}

/** Euros typed German-style; the text stays as typed, the filter gets cents once it reads. */
function AmountInput({
  label,
  cents,
  onChange,
  testId,
}: {
  label: string;
  cents: number | null;
  onChange: (cents: number | null) => void;
  testId: string;
}) {
  const styles = useStyles();
  const [text, setText] = useState(() => centsToInput(cents));
  // A reset from outside empties the box; a value still being typed is left alone.
  const shown = cents === null && parseEuros(text) !== null ? '' : text;
  return (
    <Input
      className={styles.pairInput}
      inputMode="decimal"
      aria-label={label}
      placeholder={label}
      contentAfter="€"
      value={shown}
      onChange={(_, data) => {
        setText(data.value);
        onChange(parseEuros(data.value));
      }}
      data-testid={testId}
    />
  );
}
