import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Option,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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

      <Field label={t('queue.filters.officer')} hint={t('queue.filters.officerHint')}>
        <Input
          className={styles.fill}
          value={filters.officerId}
          onChange={(_, data) => onChange({ officerId: data.value })}
          data-testid="filter-officer"
        />
      </Field>
      <Field label={t('queue.filters.offence')} hint={t('queue.filters.offenceHint')}>
        <Input
          className={styles.fill}
          value={filters.offenceCode}
          onChange={(_, data) => onChange({ offenceCode: data.value })}
          data-testid="filter-offence"
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
