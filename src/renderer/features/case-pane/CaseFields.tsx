import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/contract';
import { formatStreet } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { StatusBadge } from '../cases/StatusBadge';
import { formatCoordinates } from '../photos/photo-format';
import { DeadlineBadge } from './DeadlineBadge';
import { OfficerField } from './OfficerField';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    alignItems: 'baseline',
  },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  plate: {
    fontFamily: tokens.fontFamilyMonospace,
    letterSpacing: '0.02em',
    fontWeight: tokens.fontWeightSemibold,
  },
  numeric: { fontVariantNumeric: 'tabular-nums' },
  secondary: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
});

/** Every fact of the case, as a definition list the screen reader reads term by term. */
export function CaseFields({
  detail,
  onMessageOfficer,
}: {
  detail: CaseDetail;
  onMessageOfficer: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const c = detail.case;
  const vehicle = [c.vehicleMake, c.vehicleColor].filter((part) => part.trim() !== '').join(', ');
  const standard = detail.offence.standardFineCents;
  const rows: { key: string; term: string; value: ReactNode; className?: string }[] = [
    { key: 'fileNumber', term: t('casePane.field.fileNumber'), value: c.fileNumber },
    { key: 'plate', term: t('casePane.field.plate'), value: c.plate, className: styles.plate },
    { key: 'vehicle', term: t('casePane.field.vehicle'), value: vehicle || t('casePane.noValue') },
    {
      key: 'offence',
      term: t('casePane.field.offence'),
      value: (
        <>
          {detail.offence.text}
          <span className={styles.secondary}>
            {t('casePane.offenceCode', { code: detail.offence.code })}
          </span>
        </>
      ),
    },
    {
      key: 'fine',
      term: t('casePane.field.fine'),
      className: styles.numeric,
      value: (
        <>
          {format.amount(c.fineCents)}
          {standard !== null && (
            <span className={styles.secondary}>
              {t('casePane.standardFine', { amount: format.amount(standard) })}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'place',
      term: t('casePane.field.place'),
      value: (
        <>
          {formatStreet(detail.place.street, detail.place.houseNumber)}
          <span className={styles.secondary}>{format.districtLong(detail.place.district)}</span>
          <span className={mergeClasses(styles.secondary, styles.numeric)}>
            {formatCoordinates(detail.place.lat, detail.place.lon, format.language)}
          </span>
        </>
      ),
    },
    {
      key: 'observedAt',
      term: t('casePane.field.observedAt'),
      value: format.dateTime(c.observedAt),
      className: styles.numeric,
    },
    {
      key: 'deadline',
      term: t('casePane.field.deadline'),
      value: (
        <DeadlineBadge
          deadline={detail.deadline}
          daysLeft={detail.daysLeft}
          interrupted={detail.deadlineInterrupted}
        />
      ),
    },
    { key: 'status', term: t('casePane.field.status'), value: <StatusBadge status={c.status} /> },
    {
      key: 'officer',
      term: t('casePane.field.officer'),
      value: <OfficerField officer={detail.officer} onMessage={onMessageOfficer} />,
    },
  ];
  return (
    <dl className={styles.list} aria-label={t('casePane.fields')} data-testid="case-fields">
      {rows.map((row) => (
        <Fragment key={row.key}>
          <dt className={styles.term}>{row.term}</dt>
          <dd className={mergeClasses(styles.value, row.className)} data-field={row.key}>
            {row.value}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
