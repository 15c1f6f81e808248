import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    height: '44px',
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    flexShrink: 0,
  },
  appName: {
    color: tokens.colorBrandForeground1,
    whiteSpace: 'nowrap',
  },
  divider: {
    width: tokens.strokeWidthThin,
    height: '20px',
    backgroundColor: tokens.colorNeutralStroke1,
  },
  view: {
    margin: 0,
    whiteSpace: 'nowrap',
  },
  spacer: { flexGrow: 1 },
});

/** App name, the current view, and the language switch. */
export function AppHeader({ view }: { view: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <header className={styles.root}>
      <Text weight="semibold" size={400} className={styles.appName} data-testid="app-name">
        {t('app.name')}
      </Text>
      <span className={styles.divider} aria-hidden />
      <Text as="h1" size={400} className={styles.view} data-testid="view-title">
        {view}
      </Text>
      <span className={styles.spacer} />
      <LanguageSwitch />
    </header>
  );
}
