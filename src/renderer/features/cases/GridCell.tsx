import { mergeClasses } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ColumnDef } from './columns';
import type { RowLayout } from './grid-styles';

/**
 * A body cell: one line, cut off with an ellipsis, aligned as its column says. Its row passes
 * the layout classes in, looked up once for all its cells.
 */
export function GridCell({
  layout,
  column,
  index,
  className,
  title,
  children,
  ...data
}: {
  layout: RowLayout;
  column: ColumnDef;
  /** Position among the columns shown. */
  index: number;
  className?: string;
  title?: string;
  children: ReactNode;
  [dataAttribute: `data-${string}`]: string | undefined;
}) {
  return (
    <div
      role="gridcell"
      aria-colindex={index + 1}
      title={title}
      {...data}
      className={mergeClasses(
        layout.cell,
        column.align === 'end' && layout.end,
        column.id === 'select' && layout.center,
        className,
      )}
    >
      {children}
    </div>
  );
}
