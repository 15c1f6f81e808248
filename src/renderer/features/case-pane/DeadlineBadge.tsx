import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { deadlineTone } from './case-format';
import { formatCalendarDate } from './case-format';

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  date: { fontVariantNumeric: 'tabular-nums' },
  calm: { color: tokens.colorNeutralForeground2 },
  note: {
    flexBasis: '100%',
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
});

/**
 * The last day of prosecution and the days left. Fewer than 14 days stand out in red; a lapsed
 * case says so in a filled badge, since deciding it can no longer lead to a fine.
 */
export function DeadlineBadge({
  deadline,
  daysLeft,
  interrupted,
}: {
  deadline: string;
  daysLeft: number;
  interrupted: boolean;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { language } = useFormat();
  const tone = deadlineTone(daysLeft);
  const left =
    daysLeft < 0
      ? t('casePane.deadline.lapsed')
      : daysLeft === 0
        ? t('casePane.deadline.lastDay')
        : t('casePane.deadline.daysLeft', { count: daysLeft });
  return (
    <span className={styles.root} data-testid="case-deadline" data-tone={tone}>
      <span className={styles.date}>{formatCalendarDate(deadline, language)}</span>
      {tone === 'calm' ? (
        <span className={styles.calm}>{left}</span>
      ) : (
        <Badge
          shape="rounded"
          color="danger"
          appearance={tone === 'lapsed' ? 'filled' : 'tint'}
          title={tone === 'urgent' ? t('casePane.deadline.urgent') : undefined}
        >
          {left}
        </Badge>
      )}
      {interrupted && <span className={styles.note}>{t('casePane.deadline.interrupted')}</span>}
    </span>
  );
}
