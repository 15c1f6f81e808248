import { makeStyles, Skeleton, SkeletonItem } from '@fluentui/react-components';
import type { ColumnDef } from './columns';
import { GridCell } from './GridCell';
import { useRowLayoutStyles } from './grid-styles';

const useStyles = makeStyles({
  // Bars narrower than their cells read as "text coming" rather than as empty boxes.
  bar: { width: '70%' },
});

/** Calm grey bars where a loading row's cells will be. */
export function PlaceholderCells({ columns }: { columns: readonly ColumnDef[] }) {
  const styles = useStyles();
  const layout = useRowLayoutStyles();
  return (
    <>
      {columns.map((column, index) => (
        <GridCell key={column.id} layout={layout} column={column} index={index}>
          {column.id === 'select' ? null : (
            <Skeleton animation="pulse" aria-hidden>
              <SkeletonItem size={12} className={styles.bar} />
            </Skeleton>
          )}
        </GridCell>
      ))}
    </>
  );
}
