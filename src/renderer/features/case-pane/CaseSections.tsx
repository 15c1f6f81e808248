import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/contract';
import { useFormat } from '../../i18n/use-format';
import { StatusBadge } from '../cases/StatusBadge';
import { timelineDetail } from './case-format';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  statement: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke2}`,
    borderRadius: tokens.borderRadiusSmall,
  },
  statementText: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3 },
  compact: { gap: tokens.spacingVerticalXXS },
  plateRow: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr) max-content',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
    fontSize: tokens.fontSizeBase200,
  },
  numeric: { fontVariantNumeric: 'tabular-nums' },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  timelineRow: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
  },
  timelineWhat: { overflowWrap: 'anywhere' },
});

/** The person's own words, oldest first, with when and how each reached the office. */
export function CaseStatements({ disputes }: { disputes: CaseDetail['disputes'] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  if (disputes.length === 0)
    return <Text className={styles.muted}>{t('casePane.statements.none')}</Text>;
  return (
    <ul className={styles.list} data-testid="case-statements">
      {disputes.map((d) => (
        <li key={d.id} className={styles.statement}>
          <p className={styles.statementText}>{d.statement}</p>
          <Text className={styles.meta}>
            {t('casePane.statements.received', {
              time: format.dateTime(d.receivedAt),
              channel: t(`casePane.statements.channel.${d.channel}`),
            })}
          </Text>
        </li>
      ))}
    </ul>
  );
}

/** Earlier and later cases of the plate, one line each: enough to spot a repeat offender. */
export function SamePlateList({ cases }: { cases: CaseDetail['samePlate'] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  if (cases.length === 0)
    return <Text className={styles.muted}>{t('casePane.samePlate.none')}</Text>;
  return (
    <ul className={mergeClasses(styles.list, styles.compact)} data-testid="case-same-plate">
      {cases.map((c) => (
        <li key={c.id} className={styles.plateRow}>
          <span className={styles.numeric}>{format.dateTime(c.observedAt)}</span>
          <span className={styles.ellipsis} title={`${c.fileNumber} · ${c.offenceText}`}>
            {c.offenceText}
          </span>
          <span className={styles.numeric}>
            {format.amount(c.fineCents)} <StatusBadge status={c.status} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Everything that happened to the case, oldest first. */
export function CaseTimeline({ entries }: { entries: CaseDetail['timeline'] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  if (entries.length === 0)
    return <Text className={styles.muted}>{t('casePane.timeline.empty')}</Text>;
  return (
    <ol className={mergeClasses(styles.list, styles.compact)} data-testid="case-timeline">
      {entries.map((entry) => {
        const detail = timelineDetail(entry, t);
        return (
          <li key={`${entry.source}-${entry.id}`} className={styles.timelineRow}>
            <span className={mergeClasses(styles.numeric, styles.muted)}>
              {format.dateTime(entry.at)}
            </span>
            <span className={styles.timelineWhat}>
              <strong>{t(`casePane.timeline.kind.${entry.kind}`)}</strong>
              {detail ? `: ${detail}` : ''} · {entry.actor.name}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
