import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppNav } from './AppNav';
import type { Area } from './areas';
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
  // The tabs say where the clerk is; the heading is kept for screen readers' outline.
  view: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    margin: 0,
  },
  spacer: { flexGrow: 1 },
});

export interface AppHeaderProps {
  view: string;
  areas: readonly Area[];
  area: Area;
  onAreaChange: (area: Area) => void;
  /** Switches shown at the right, before the language (do not disturb). */
  tools?: ReactNode;
}

/** App name, the areas, and the language switch. */
export function AppHeader({ view, areas, area, onAreaChange, tools }: AppHeaderProps) {
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
      <AppNav areas={areas} area={area} onChange={onAreaChange} />
      <span className={styles.spacer} />
      {tools}
      <LanguageSwitch />
    </header>
  );
}
