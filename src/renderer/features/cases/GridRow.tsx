import { mergeClasses } from '@fluentui/react-components';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/contract';
import { CaseCells } from './CaseCells';
import type { ColumnDef } from './columns';
import { useGridStyles, useRowLayoutStyles } from './grid-styles';
import { PlaceholderCells } from './PlaceholderCells';

export interface GridRowProps {
  index: number;
  /** Undefined while the row's page is loading. */
  item: QueueRow | undefined;
  /** The columns shown; a stable array, so memoised rows do not re-render for it. */
  columns: readonly ColumnDef[];
  /** Offset from the top of the body, in px. */
  top: number;
  /** Whether this row holds the grid's single tab stop. */
  focused: boolean;
  /** The case open in the side pane. */
  selected: boolean;
  /** Chosen for a bulk decision (the checkbox). */
  checked: boolean;
  onFocusRow: (index: number) => void;
  onOpenRow: (index: number) => void;
  onToggleRow: (index: number) => void;
}

/**
 * One row position of the grid. The same element shows the placeholder and then the case, so a
 * focused row keeps keyboard focus when its page arrives. Memoised: scrolling re-renders only rows
 * that moved or changed.
 */
export const GridRow = memo(function GridRow({
  index,
  item,
  columns,
  top,
  focused,
  selected,
  checked,
  onFocusRow,
  onOpenRow,
  onToggleRow,
}: GridRowProps) {
  const { t } = useTranslation();
  const layout = useRowLayoutStyles();
  const grid = useGridStyles();
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-busy={item ? undefined : true}
      aria-selected={item ? selected : undefined}
      aria-label={item ? undefined : t('cases.loadingRow')}
      data-testid={item ? 'case-row' : 'case-row-placeholder'}
      data-index={index}
      data-case-id={item?.id}
      data-checked={checked || undefined}
      tabIndex={focused ? 0 : -1}
      onFocus={() => onFocusRow(index)}
      onClick={item ? () => onOpenRow(index) : undefined}
      className={mergeClasses(
        layout.row,
        grid.bodyRow,
        checked && grid.checkedRow,
        selected && grid.selectedRow,
      )}
      style={{ transform: `translateY(${top}px)` }}
    >
      {item ? (
        <CaseCells
          item={item}
          columns={columns}
          checked={checked}
          onToggle={() => onToggleRow(index)}
        />
      ) : (
        <PlaceholderCells columns={columns} />
      )}
    </div>
  );
});
