import { mergeClasses } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { COLUMNS } from './columns';
import { useRowLayoutStyles } from './grid-styles';

/** A body cell: one line, cut off with an ellipsis, aligned as its column says. */
export function GridCell({
  column,
  className,
  title,
  children,
}: {
  column: number;
  className?: string;
  title?: string;
  children: ReactNode;
}) {
  const layout = useRowLayoutStyles();
  return (
    <div
      role="gridcell"
      aria-colindex={column + 1}
      title={title}
      className={mergeClasses(
        layout.cell,
        COLUMNS[column]?.align === 'end' && layout.end,
        className,
      )}
    >
      {children}
    </div>
  );
}
