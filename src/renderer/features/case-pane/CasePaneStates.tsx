import {
  Button,
  makeStyles,
  Skeleton,
  SkeletonItem,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DocumentDismissRegular, ErrorCircleRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { ContractError } from '../../../shared/contract';
import type { CasePaneItem } from './CasePane';

const useStyles = makeStyles({
  skeleton: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: {
    display: 'grid',
    gridTemplateColumns: '7em minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
  },
  known: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    fontVariantNumeric: 'tabular-nums',
  },
  plate: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  message: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalL,
  },
  icon: { fontSize: '32px', color: tokens.colorNeutralForeground3 },
  title: { margin: 0 },
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** While cases.get answers: what the queue row already knows, and placeholders for the rest. */
export function CasePaneLoading({ item }: { item: CasePaneItem }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.skeleton} data-testid="case-pane-loading">
      <div className={styles.known}>
        <span className={styles.plate}>{item.plate}</span>
        <span>{item.offenceText}</span>
      </div>
      <Skeleton aria-label={t('casePane.loading')}>
        <div className={styles.skeleton}>
          {Array.from({ length: 8 }, (_, i) => (
            <div key={i} className={styles.row}>
              <SkeletonItem size={12} />
              <SkeletonItem size={16} />
            </div>
          ))}
          <SkeletonItem size={64} />
          <SkeletonItem size={96} />
        </div>
      </Skeleton>
    </div>
  );
}

/**
 * A case gone from the local copy is final ("nicht mehr vorhanden", no retry); anything else is
 * worth another try.
 */
export function CasePaneError({ error, onRetry }: { error: Error | null; onRetry: () => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const notFound = error instanceof ContractError && error.code === 'not_found';
  return (
    <div
      className={styles.message}
      role="alert"
      data-testid={notFound ? 'case-pane-not-found' : 'case-pane-error'}
    >
      <span className={styles.icon} aria-hidden>
        {notFound ? <DocumentDismissRegular /> : <ErrorCircleRegular />}
      </span>
      <Text as="h3" size={400} weight="semibold" className={styles.title}>
        {notFound ? t('casePane.notFoundTitle') : t('casePane.errorTitle')}
      </Text>
      <Text>{notFound ? t('casePane.notFoundBody') : t('casePane.errorBody')}</Text>
      {!notFound && (
        <>
          <Text className={styles.detail}>
            {t('casePane.errorDetail', { error: error?.message ?? '' })}
          </Text>
          <Button appearance="primary" onClick={onRetry}>
            {t('casePane.retry')}
          </Button>
        </>
      )}
    </div>
  );
}
