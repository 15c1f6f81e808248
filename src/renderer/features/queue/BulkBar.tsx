import type { BulkDecisionKind } from '../../../shared/contract/work-calls';
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowForwardRegular, DismissRegular, SubtractCircleRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    flexShrink: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  count: {
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
    marginInlineEnd: tokens.spacingHorizontalS,
  },
  spacer: { flexGrow: 1 },
});

/** Shown while cases are chosen: what one reason can settle for all of them at once. */
export function BulkBar({
  count,
  onDecide,
  onClear,
}: {
  count: number;
  onDecide: (kind: BulkDecisionKind) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  return (
    <div
      role="toolbar"
      aria-label={t('queue.bulk.label')}
      className={styles.root}
      data-testid="bulk-bar"
    >
      <Text className={styles.count} aria-live="polite" data-testid="bulk-count">
        {t('queue.bulk.selected', { count, formatted: format.count(count) })}
      </Text>
      <Button size="small" icon={<SubtractCircleRegular />} onClick={() => onDecide('withdraw')}>
        {t('queue.bulk.withdraw')}
      </Button>
      <Button size="small" icon={<ArrowForwardRegular />} onClick={() => onDecide('forward')}>
        {t('queue.bulk.forward')}
      </Button>
      <span className={styles.spacer} />
      <Button
        size="small"
        appearance="subtle"
        icon={<DismissRegular />}
        onClick={onClear}
        data-testid="bulk-clear"
      >
        {t('queue.bulk.clear')}
      </Button>
    </div>
  );
}
