import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular } from '@fluentui/react-icons';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnDef } from './columns';
import { useGridStyles, useRowLayoutStyles } from './grid-styles';
import { ariaSort, type CaseSort, nextSort } from './sort';

const useStyles = makeStyles({
  sortButton: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    maxWidth: '100%',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
    marginInline: `calc(-1 * ${tokens.spacingHorizontalXXS})`,
    border: 'none',
    borderRadius: tokens.borderRadiusSmall,
    background: 'none',
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    ':hover': {
      color: tokens.colorNeutralForeground1,
      backgroundColor: tokens.colorSubtleBackgroundHover,
    },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  sorted: {
    color: tokens.colorNeutralForeground1,
  },
  label: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  icon: {
    flexShrink: 0,
    fontSize: '12px',
  },
  endButton: {
    flexDirection: 'row-reverse',
  },
  checkbox: {
    margin: 0,
    width: '16px',
    height: '16px',
    accentColor: tokens.colorBrandBackground,
    cursor: 'pointer',
  },
});

/** The header's checkbox: the loaded page of rows at once (as Ctrl+A). */
export type PageCheck = boolean | 'mixed';

/**
 * The sticky header row. Sortable columns are buttons, so Tab, Enter and Space sort them.
 * Memoised: scrolling re-renders the grid every few rows, the header has nothing new to show.
 */
export const CaseGridHeader = memo(function CaseGridHeader({
  columns,
  sort,
  onSortChange,
  pageCheck,
  onTogglePage,
}: {
  columns: readonly ColumnDef[];
  sort: CaseSort;
  onSortChange: (sort: CaseSort) => void;
  pageCheck: PageCheck;
  onTogglePage: () => void;
}) {
  const layout = useRowLayoutStyles();
  const grid = useGridStyles();
  return (
    <div role="rowgroup" className={grid.header}>
      <div role="row" aria-rowindex={1} className={mergeClasses(layout.row, grid.headerRow)}>
        {columns.map((column, index) =>
          column.id === 'select' ? (
            <SelectHeaderCell
              key={column.id}
              index={index}
              check={pageCheck}
              onToggle={onTogglePage}
            />
          ) : (
            <HeaderCell
              key={column.id}
              column={column}
              index={index}
              sort={sort}
              onSortChange={onSortChange}
            />
          ),
        )}
      </div>
    </div>
  );
});

function HeaderCell({
  column,
  index,
  sort,
  onSortChange,
}: {
  column: ColumnDef;
  index: number;
  sort: CaseSort;
  onSortChange: (sort: CaseSort) => void;
}) {
  const { t } = useTranslation();
  const layout = useRowLayoutStyles();
  const styles = useStyles();
  const label = t(`cases.columns.${column.id}`);
  const sortField = column.sortField;
  const direction = ariaSort(sort, sortField);
  const Icon = direction === 'ascending' ? ArrowUpRegular : ArrowDownRegular;

  return (
    <div
      role="columnheader"
      aria-colindex={index + 1}
      aria-sort={direction}
      className={mergeClasses(layout.cell, column.align === 'end' && layout.end)}
    >
      {sortField ? (
        <button
          type="button"
          className={mergeClasses(
            styles.sortButton,
            direction && styles.sorted,
            column.align === 'end' && styles.endButton,
          )}
          title={
            sortField === 'district'
              ? t('cases.sortByDistrict')
              : t('cases.sortBy', { column: label })
          }
          onClick={() => onSortChange(nextSort(sort, sortField))}
        >
          <span className={styles.label}>{label}</span>
          {direction && <Icon className={styles.icon} aria-hidden />}
        </button>
      ) : (
        label
      )}
    </div>
  );
}

function SelectHeaderCell({
  index,
  check,
  onToggle,
}: {
  index: number;
  check: PageCheck;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const layout = useRowLayoutStyles();
  const styles = useStyles();
  const ref = useRef<HTMLInputElement>(null);
  // `indeterminate` exists only as a DOM property, not as an attribute React could set.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = check === 'mixed';
  }, [check]);
  return (
    <div
      role="columnheader"
      aria-colindex={index + 1}
      className={mergeClasses(layout.cell, layout.center)}
    >
      <input
        ref={ref}
        type="checkbox"
        className={styles.checkbox}
        checked={check === true}
        aria-label={t('queue.select.page')}
        title={t('queue.select.page')}
        data-testid="page-check"
        onChange={onToggle}
      />
    </div>
  );
}
