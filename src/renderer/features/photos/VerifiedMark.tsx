import { makeStyles, mergeClasses, tokens, Tooltip } from '@fluentui/react-components';
import { ShieldCheckmarkFilled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  mark: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    color: tokens.colorPaletteGreenForeground1,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
  },
  icon: { fontSize: '16px', flexShrink: 0 },
});

/**
 * The clerk's trust signal: these bytes hashed to the SHA-256 the officer's phone reported. Text as
 * well as the icon, because a colour or a shape alone is easy to miss and cannot be read aloud.
 */
export function VerifiedMark({ className }: { className?: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Tooltip content={t('photos.verifiedHint')} relationship="description" withArrow>
      <span className={mergeClasses(styles.mark, className)} data-testid="photo-verified">
        <ShieldCheckmarkFilled className={styles.icon} aria-hidden />
        {t('photos.verified')}
      </span>
    </Tooltip>
  );
}
