import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../../shared/contract';
import { formatStreet } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { StatusBadge } from '../cases/StatusBadge';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  plate: { fontFamily: tokens.fontFamilyMonospace, letterSpacing: '0.02em' },
  numeric: { fontVariantNumeric: 'tabular-nums' },
});

/**
 * The case's fields in the pane. Fed from the list row for now; the one place to switch when the
 * full case detail call arrives.
 */
export function CaseFields({ item }: { item: CaseListItem }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const rows: { term: string; value: ReactNode; className?: string }[] = [
    { term: t('cases.columns.fileNumber'), value: item.fileNumber },
    { term: t('cases.columns.plate'), value: item.plate, className: styles.plate },
    { term: t('cases.columns.offence'), value: item.offenceText },
    {
      term: t('cases.columns.fine'),
      value: format.amount(item.fineCents),
      className: styles.numeric,
    },
    {
      term: t('cases.columns.place'),
      value: `${formatStreet(item.street, item.houseNumber)}, ${format.districtLong(item.district)}`,
    },
    {
      term: t('cases.columns.observedAt'),
      value: format.dateTime(item.observedAt),
      className: styles.numeric,
    },
    { term: t('cases.columns.status'), value: <StatusBadge status={item.status} /> },
  ];
  return (
    <dl className={styles.list} data-testid="case-fields">
      {rows.map((row) => (
        <Fragment key={row.term}>
          <dt className={styles.term}>{row.term}</dt>
          <dd className={mergeClasses(styles.value, row.className)}>{row.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
