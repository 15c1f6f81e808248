import { mergeClasses } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ColumnDef } from './columns';
import { useRowLayoutStyles } from './grid-styles';

/** A body cell: one line, cut off with an ellipsis, aligned as its column says. */
export function GridCell({
  column,
  index,
  className,
  title,
  children,
  ...data
}: {
  column: ColumnDef;
  /** Position among the columns shown. */
  index: number;
  className?: string;
  title?: string;
  children: ReactNode;
  [dataAttribute: `data-${string}`]: string | undefined;
}) {
  const layout = useRowLayoutStyles();
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
