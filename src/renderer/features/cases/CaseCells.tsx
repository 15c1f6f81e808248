import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CloudArrowUpRegular, LockClosedRegular, PersonRegular } from '@fluentui/react-icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/contract';
import { DUE_SOON_DAYS } from '../../../shared/domain/deadline';
import type { CaseStatus } from '../../../shared/domain/case';
import { formatStreet } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { formatCalendarDate, formatDate } from './date-format';
import type { ColumnDef } from './columns';
import { GridCell } from './GridCell';
import { type RowLayout, useRowLayoutStyles } from './grid-styles';
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

/** What every cell of a row needs, looked up once per row rather than once per cell. */
interface RowContext {
  t: TFunction;
  styles: ReturnType<typeof useStyles>;
  layout: RowLayout;
  format: ReturnType<typeof useFormat>;
}

/**
 * The cells of one queue row, in the order of the columns shown. The cells are plain functions
 * of the row: as components each looked up translations, styles and formats again, and scrolling
 * fast spent most of its frames there (about 2.5 ms of every 16.7 on a slow office machine).
 */
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
  const { t } = useTranslation();
  const ctx: RowContext = {
    t,
    styles: useStyles(),
    layout: useRowLayoutStyles(),
    format: useFormat(),
  };
  return <>{columns.map((column, index) => cell(ctx, item, column, index, checked, onToggle))}</>;
}

function cell(
  ctx: RowContext,
  item: QueueRow,
  column: ColumnDef,
  index: number,
  checked: boolean,
  onToggle: () => void,
) {
  const { t, styles, format } = ctx;
  const cell = { column, index, layout: ctx.layout };
  switch (column.id) {
    case 'select':
      return (
        <GridCell key={column.id} {...cell}>
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
      return (
        <GridCell key={column.id} {...cell}>
          {item.fileNumber}
        </GridCell>
      );
    case 'plate':
      return (
        <GridCell key={column.id} {...cell} className={styles.plate}>
          {item.plate}
        </GridCell>
      );
    case 'offence':
      return (
        <GridCell key={column.id} {...cell} title={item.offenceText}>
          {item.offenceText}
        </GridCell>
      );
    case 'fine':
      return (
        <GridCell key={column.id} {...cell}>
          {format.amount(item.fineCents)}
        </GridCell>
      );
    case 'place': {
      const street = formatStreet(item.street, item.houseNumber);
      return (
        <GridCell
          key={column.id}
          {...cell}
          title={`${street}, ${format.districtLong(item.district)}`}
        >
          {street}, <span className={styles.district}>{format.district(item.district)}</span>
        </GridCell>
      );
    }
    case 'observedAt':
      return (
        <GridCell
          key={column.id}
          {...cell}
          className={styles.time}
          title={format.dateTime(item.observedAt)}
        >
          {formatDate(item.observedAt, format.language)}
        </GridCell>
      );
    case 'deadline':
      return deadlineCell(ctx, item, column, index);
    case 'status':
      return (
        <GridCell key={column.id} {...cell}>
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
      return claimCell(ctx, item, column, index);
  }
}

function deadlineCell(ctx: RowContext, item: QueueRow, column: ColumnDef, index: number) {
  const { t, styles, layout } = ctx;
  const date = formatCalendarDate(item.deadline, ctx.format.language);
  if (!ACTIVE.has(item.status)) {
    return (
      <GridCell
        key={column.id}
        layout={layout}
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
      key={column.id}
      layout={layout}
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

function claimCell(ctx: RowContext, item: QueueRow, column: ColumnDef, index: number) {
  const { t, styles, layout } = ctx;
  const { claim } = item;
  if (!claim) {
    return (
      <GridCell key={column.id} layout={layout} column={column} index={index}>
        {null}
      </GridCell>
    );
  }
  const title = claim.mine
    ? t('queue.claim.mineTitle')
    : t('queue.claim.otherTitle', { name: claim.clerkName });
  return (
    <GridCell
      key={column.id}
      layout={layout}
      column={column}
      index={index}
      title={title}
      data-testid="claim"
    >
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
