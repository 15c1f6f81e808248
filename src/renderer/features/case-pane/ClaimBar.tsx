import { Button, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { LockClosedRegular, LockOpenRegular, PersonRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { CaseClaim } from '../../../shared/contract';
import { useClaim } from '../../api/use-work';
import { useFormat } from '../../i18n/use-format';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  other: { backgroundColor: tokens.colorPaletteMarigoldBackground1 },
  text: { flexGrow: 1, flexBasis: '12em', minWidth: 0 },
  icon: { flexShrink: 0, fontSize: '16px', color: tokens.colorNeutralForeground3 },
  error: { flexBasis: '100%', color: tokens.colorPaletteRedForeground1 },
  hint: {
    flexBasis: '100%',
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});

/**
 * Who holds the case, and "Übernehmen"/"Freigeben". Another clerk's live claim cannot be taken
 * over here: the server refuses it, and it lapses on its own after 30 minutes.
 */
export function ClaimBar({
  caseId,
  claim,
  decidable,
}: {
  caseId: string;
  claim: CaseClaim | null;
  /** Only cases waiting for a decision can be claimed (the server's rule). */
  decidable: boolean;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const mutation = useClaim();
  const other = claim !== null && !claim.mine;
  // A case that waits for no decision has nothing to claim; an old claim would still be shown.
  if (!decidable && !claim) return null;
  const text = !claim
    ? t('claim.none')
    : claim.mine
      ? t('claim.mine', { time: format.dateTime(claim.expiresAt) })
      : t('claim.heldByUntil', {
          name: claim.clerkName,
          time: format.dateTime(claim.expiresAt),
        });
  return (
    <div
      className={mergeClasses(styles.root, other && styles.other)}
      data-testid="claim-bar"
      data-claim={!claim ? 'none' : claim.mine ? 'mine' : 'other'}
    >
      <span className={styles.icon} aria-hidden>
        {claim?.mine ? <LockClosedRegular /> : other ? <PersonRegular /> : <LockOpenRegular />}
      </span>
      <Text className={styles.text} role="status">
        {text}
      </Text>
      {decidable && !other && (
        <Button
          size="small"
          appearance={claim?.mine ? 'subtle' : 'secondary'}
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ caseId, claim: !claim?.mine })}
          data-testid="claim-button"
        >
          {claim?.mine ? t('claim.release') : t('claim.claim')}
        </Button>
      )}
      {decidable && !claim && <Text className={styles.hint}>{t('claim.autoHint')}</Text>}
      {mutation.isError && (
        <Text className={styles.error} role="alert">
          {t('claim.failed', { error: mutation.error.message })}
        </Text>
      )}
    </div>
  );
}
