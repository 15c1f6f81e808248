import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { WarningRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/contract';
import type { OutboxItem } from '../../../shared/contract/work-calls';
import { useResolveOutbox } from '../../api/use-work';
import { useFormat } from '../../i18n/use-format';
import { DECIDABLE_STATUSES } from '../case-pane/case-work';
import { StatusBadge } from '../cases/StatusBadge';
import { theirSide } from './conflict-sides';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteMarigoldBorderActive}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteMarigoldBackground1,
  },
  title: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  sides: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  side: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  sideTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  fields: { margin: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

interface Field {
  term: string;
  value: ReactNode;
}

function Fields({ fields }: { fields: Field[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.fields}>
      {fields.map((f) => (
        <div key={f.term}>
          <dt className={styles.term}>{f.term}</dt>
          <dd className={styles.value}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Someone decided first (or holds the case): the clerk's decision and the server's state side by
 * side, and the choice between sending theirs again on top of it and accepting the other one.
 */
export function ConflictView({
  item,
  detail,
  moot = [],
}: {
  item: OutboxItem;
  detail: CaseDetail;
  /** Refused claims on the case: "Andere übernehmen" gives them up too, they no longer matter. */
  moot?: readonly OutboxItem[];
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const resolve = useResolveOutbox();
  const m = item.mutation;
  if (m.kind !== 'decision') return null;
  const theirs = theirSide(item, detail);
  const titleId = `conflict-${item.id}`;
  // Main would refuse a retry on a case that no longer waits for a decision; say so up front.
  const retryable = theirs.status === null || DECIDABLE_STATUSES.includes(theirs.status);

  const mine: Field[] = [
    { term: t('conflict.kind'), value: t(`decision.kind.${m.decision}`) },
    ...(m.newAmountCents !== undefined
      ? [{ term: t('conflict.amount'), value: format.amount(m.newAmountCents) }]
      : []),
    { term: t('conflict.reason'), value: t(`decision.reason.${m.reasonCode}`) },
    ...(m.text ? [{ term: t('conflict.text'), value: m.text }] : []),
    { term: t('conflict.at'), value: format.dateTime(item.createdAt) },
  ];
  const server: Field[] = [];
  if (theirs.claim) {
    server.push(
      { term: t('conflict.claimedBy'), value: theirs.claim.name },
      { term: t('conflict.at'), value: format.dateTime(theirs.claim.claimedAt) },
    );
  }
  if (theirs.status) {
    server.push({ term: t('conflict.status'), value: <StatusBadge status={theirs.status} /> });
  }
  if (theirs.decision) {
    const d = theirs.decision;
    server.push(
      { term: t('conflict.kind'), value: t(`decision.kind.${d.kind}`) },
      ...(d.newAmountCents !== null
        ? [{ term: t('conflict.amount'), value: format.amount(d.newAmountCents) }]
        : []),
      { term: t('conflict.reason'), value: t(`decision.reason.${d.reasonCode}`) },
      ...(d.text ? [{ term: t('conflict.text'), value: d.text }] : []),
      { term: t('conflict.by'), value: theirs.decidedBy ?? d.clerkId },
      { term: t('conflict.at'), value: format.dateTime(d.decidedAt) },
    );
  }

  return (
    <section className={styles.root} aria-labelledby={titleId} data-testid="conflict-view">
      <h3 id={titleId} className={styles.title}>
        <WarningRegular aria-hidden />
        {theirs.claim ? t('conflict.titleClaim') : t('conflict.title')}
      </h3>
      <Text>{t('conflict.body')}</Text>
      <div className={styles.sides}>
        <section
          className={styles.side}
          aria-label={t('conflict.mine')}
          data-testid="conflict-mine"
        >
          <h4 className={styles.sideTitle}>{t('conflict.mine')}</h4>
          <Fields fields={mine} />
        </section>
        <section
          className={styles.side}
          aria-label={t('conflict.theirs')}
          data-testid="conflict-theirs"
        >
          <h4 className={styles.sideTitle}>{t('conflict.theirs')}</h4>
          <Fields fields={server} />
          {!theirs.decision && !theirs.claim && (
            <Text className={styles.muted}>{t('conflict.theirsUnknown')}</Text>
          )}
        </section>
      </div>
      {item.conflict?.reason && (
        <Text className={styles.muted}>
          {t('conflict.serverReason', { reason: item.conflict.reason })}
        </Text>
      )}
      {!retryable && <Text className={styles.muted}>{t('conflict.retryImpossible')}</Text>}
      <div className={styles.actions}>
        <Button
          appearance={retryable ? 'primary' : 'secondary'}
          disabled={resolve.isPending || !retryable}
          title={t('conflict.retryHint')}
          onClick={() => resolve.mutate({ id: item.id, action: 'retry', caseId: item.caseId })}
          data-testid="conflict-retry"
        >
          {t('conflict.retry')}
        </Button>
        <Button
          appearance={retryable ? 'secondary' : 'primary'}
          disabled={resolve.isPending}
          title={t('conflict.discardHint')}
          onClick={() =>
            resolve.mutate({
              id: item.id,
              action: 'discard',
              caseId: item.caseId,
              alsoDiscard: moot.map((other) => other.id),
            })
          }
          data-testid="conflict-discard"
        >
          {t('conflict.discard')}
        </Button>
      </div>
      {resolve.isError && (
        <Text role="alert" className={styles.error}>
          {t('conflict.failed', { error: resolve.error.message })}
        </Text>
      )}
    </section>
  );
}
