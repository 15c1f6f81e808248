import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CloudArrowUpRegular, LockClosedRegular, PersonRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/contract';
import { DUE_SOON_DAYS } from '../../../shared/domain/deadline';
import type { CaseStatus } from '../../../shared/domain/case';
import { formatStreet } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { formatCalendarDate, formatDate } from './date-format';
import type { ColumnDef } from './columns';
import { GridCell } from './GridCell';
import { StatusBadge } from './StatusBadge';

const useStyles = makeStyles({
  plate: {
    fontFamily: tokens.fontFamilyMonospace,
    // Plates are read character by character; a little air avoids O/0 and I/1 confusion.
    letterSpacing: '0.02em',
  },
  district: {
    color: tokens.colorNeutralForeground3,
  },
  time: {
    fontVariantNumeric: 'tabular-nums',
  },
  days: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  // Colour on the whole cell, weight on the days only: a bold date would not fit the column.
  soon: {
    color: tokens.colorPaletteDarkOrangeForeground1,
  },
  lapsed: {
    color: tokens.colorPaletteRedForeground1,
  },
  urgentDays: {
    fontWeight: tokens.fontWeightSemibold,
  },
  // Cases out of the office's hands: their deadline no longer matters, so it recedes.
  inactive: {
    color: tokens.colorNeutralForeground3,
  },
  withIcon: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
  },
  icon: {
    flexShrink: 0,
    fontSize: '16px',
  },
  pending: {
    display: 'inline-flex',
    flexShrink: 0,
    fontSize: '16px',
    color: tokens.colorBrandForeground1,
  },
  mine: {
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  other: {
    color: tokens.colorNeutralForeground2,
  },
  ellipsis: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  checkbox: {
    margin: 0,
    width: '16px',
    height: '16px',
    accentColor: tokens.colorBrandBackground,
    cursor: 'pointer',
  },
});

/** Statuses still waiting for the office; only their deadline can still run out. */
const ACTIVE: ReadonlySet<CaseStatus> = new Set(['open', 'disputed', 'awaiting_statement']);

/** The cells of one queue row, in the order of the columns shown. */
export function CaseCells({
  item,
  columns,
  checked,
  onToggle,
}: {
  item: QueueRow;
  columns: readonly ColumnDef[];
  checked: boolean;
  onToggle: () => void;
}) {
  return (
    <>
      {columns.map((column, index) => (
        <Cell
          key={column.id}
          item={item}
          column={column}
          index={index}
          checked={checked}
          onToggle={onToggle}
        />
      ))}
    </>
  );
}

function Cell({
  item,
  column,
  index,
  checked,
  onToggle,
}: {
  item: QueueRow;
  column: ColumnDef;
  index: number;
  checked: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const cell = { column, index };
  switch (column.id) {
    case 'select':
      return (
        <GridCell {...cell}>
          {/* Not a tab stop: the row is; Space on the row toggles it. */}
          <input
            type="checkbox"
            tabIndex={-1}
            className={styles.checkbox}
            checked={checked}
            aria-label={t('queue.select.row', { fileNumber: item.fileNumber })}
            data-testid="row-check"
            onClick={(event) => event.stopPropagation()}
            onChange={onToggle}
          />
        </GridCell>
      );
    case 'fileNumber':
      return <GridCell {...cell}>{item.fileNumber}</GridCell>;
    case 'plate':
      return (
        <GridCell {...cell} className={styles.plate}>
          {item.plate}
        </GridCell>
      );
    case 'offence':
      return (
        <GridCell {...cell} title={item.offenceText}>
          {item.offenceText}
        </GridCell>
      );
    case 'fine':
      return <GridCell {...cell}>{format.amount(item.fineCents)}</GridCell>;
    case 'place': {
      const street = formatStreet(item.street, item.houseNumber);
      return (
        <GridCell {...cell} title={`${street}, ${format.districtLong(item.district)}`}>
          {street}, <span className={styles.district}>{format.district(item.district)}</span>
        </GridCell>
      );
    }
    case 'observedAt':
      return (
        <GridCell {...cell} className={styles.time} title={format.dateTime(item.observedAt)}>
          {formatDate(item.observedAt, format.language)}
        </GridCell>
      );
    case 'deadline':
      return <DeadlineCell item={item} {...cell} />;
    case 'status':
      return (
        <GridCell {...cell}>
          <span className={styles.withIcon}>
            <StatusBadge status={item.status} />
            {item.pending && (
              <span
                role="img"
                className={styles.pending}
                aria-label={t('queue.pending')}
                title={t('queue.pending')}
                data-testid="pending-marker"
              >
                <CloudArrowUpRegular aria-hidden />
              </span>
            )}
          </span>
        </GridCell>
      );
    case 'claim':
      return <ClaimCell item={item} {...cell} />;
  }
}

function DeadlineCell({
  item,
  column,
  index,
}: {
  item: QueueRow;
  column: ColumnDef;
  index: number;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { language } = useFormat();
  const date = formatCalendarDate(item.deadline, language);
  if (!ACTIVE.has(item.status)) {
    return (
      <GridCell
        column={column}
        index={index}
        className={mergeClasses(styles.time, styles.inactive)}
      >
        {date}
      </GridCell>
    );
  }
  const lapsed = item.daysLeft < 0;
  const soon = !lapsed && item.daysLeft < DUE_SOON_DAYS;
  const title = lapsed
    ? t('queue.deadline.lapsedTitle', { date })
    : t('queue.deadline.title', { date, count: item.daysLeft });
  return (
    <GridCell
      column={column}
      index={index}
      className={mergeClasses(styles.time, soon && styles.soon, lapsed && styles.lapsed)}
      title={title}
      data-deadline={lapsed ? 'lapsed' : soon ? 'soon' : 'ok'}
    >
      {date}{' '}
      <span className={lapsed || soon ? styles.urgentDays : styles.days}>
        {lapsed ? t('queue.deadline.lapsed') : t('queue.deadline.days', { count: item.daysLeft })}
      </span>
    </GridCell>
  );
}

function ClaimCell({ item, column, index }: { item: QueueRow; column: ColumnDef; index: number }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { claim } = item;
  if (!claim) {
    return (
      <GridCell column={column} index={index}>
        {null}
      </GridCell>
    );
  }
  const title = claim.mine
    ? t('queue.claim.mineTitle')
    : t('queue.claim.otherTitle', { name: claim.clerkName });
  return (
    <GridCell column={column} index={index} title={title} data-testid="claim">
      <span className={mergeClasses(styles.withIcon, claim.mine ? styles.mine : styles.other)}>
        {claim.mine ? (
          <PersonRegular className={styles.icon} aria-hidden />
        ) : (
          <LockClosedRegular className={styles.icon} aria-hidden />
        )}
        <span className={styles.ellipsis}>
          {claim.mine ? t('queue.claim.mine') : claim.clerkName}
        </span>
      </span>
    </GridCell>
  );
}
