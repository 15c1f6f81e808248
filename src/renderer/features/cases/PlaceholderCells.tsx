import { makeStyles, Skeleton, SkeletonItem } from '@fluentui/react-components';
import { COLUMNS } from './columns';
import { GridCell } from './GridCell';

const useStyles = makeStyles({
  // Bars narrower than their cells read as "text coming" rather than as empty boxes.
  bar: { width: '70%' },
});

/** Calm grey bars where a loading row's cells will be. */
export function PlaceholderCells() {
  const styles = useStyles();
  return (
    <>
      {COLUMNS.map((column, index) => (
        <GridCell key={column.id} column={index}>
          <Skeleton animation="pulse" aria-hidden>
            <SkeletonItem size={12} className={styles.bar} />
          </Skeleton>
        </GridCell>
      ))}
    </>
  );
}
