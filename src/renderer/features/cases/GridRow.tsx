import { mergeClasses } from '@fluentui/react-components';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../../shared/contract';
import { CaseCells } from './CaseCells';
import { useGridStyles, useRowLayoutStyles } from './grid-styles';
import { PlaceholderCells } from './PlaceholderCells';

export interface GridRowProps {
  index: number;
  /** Undefined while the row's page is loading. */
  item: CaseListItem | undefined;
  /** Offset from the top of the body, in px. */
  top: number;
  /** Whether this row holds the grid's single tab stop. */
  focused: boolean;
  /** The case open in the side pane. */
  selected: boolean;
  onFocusRow: (index: number) => void;
  onOpenRow: (index: number) => void;
}

/**
 * One row position of the grid. The same element shows the placeholder and then the case, so a
 * focused row keeps keyboard focus when its page arrives. Memoised: scrolling re-renders only rows
 * that moved or changed.
 */
export const GridRow = memo(function GridRow({
  index,
  item,
  top,
  focused,
  selected,
  onFocusRow,
  onOpenRow,
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
      tabIndex={focused ? 0 : -1}
      onFocus={() => onFocusRow(index)}
      onClick={item ? () => onOpenRow(index) : undefined}
      className={mergeClasses(layout.row, grid.bodyRow, selected && grid.selectedRow)}
      style={{ transform: `translateY(${top}px)` }}
    >
      {item ? <CaseCells item={item} /> : <PlaceholderCells />}
    </div>
  );
});
