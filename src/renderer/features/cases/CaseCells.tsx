import { makeStyles, tokens } from '@fluentui/react-components';
import type { CaseListItem } from '../../../shared/contract';
import { formatStreet } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
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
});

/** The cells of one case, in the order of `COLUMNS`. */
export function CaseCells({ item }: { item: CaseListItem }) {
  const styles = useStyles();
  const format = useFormat();
  const street = formatStreet(item.street, item.houseNumber);
  return (
    <>
      <GridCell column={0}>{item.fileNumber}</GridCell>
      <GridCell column={1} className={styles.plate}>
        {item.plate}
      </GridCell>
      <GridCell column={2} title={item.offenceText}>
        {item.offenceText}
      </GridCell>
      <GridCell column={3}>{format.amount(item.fineCents)}</GridCell>
      <GridCell column={4} title={`${street}, ${format.districtLong(item.district)}`}>
        {street}, <span className={styles.district}>{format.district(item.district)}</span>
      </GridCell>
      <GridCell column={5} className={styles.time}>
        {format.dateTime(item.observedAt)}
      </GridCell>
      <GridCell column={6}>
        <StatusBadge status={item.status} />
      </GridCell>
    </>
  );
}
