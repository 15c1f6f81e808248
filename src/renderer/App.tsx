import { FluentProvider, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { KvueQueryProvider } from './api/KvueQueryProvider';
import { AppHeader } from './components/AppHeader';
import { CrashMessage } from './components/CrashMessage';
import { ErrorBoundary } from './components/ErrorBoundary';
import { useGlobalStyles } from './components/global-styles';
import { QueueScreen } from './features/queue/QueueScreen';
import { OfflineBanner } from './features/status/OfflineBanner';
import { StatusBar } from './features/status/StatusBar';

const useStyles = makeStyles({
  provider: {
    // Fluent copies the provider's classes onto its portal mount node (tooltips, dialogs), which
    // is fixed over the page: a full height there would paint a white sheet over the app.
    ':not([data-portal-node])': {
      height: '100%',
    },
  },
  shell: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: {
    flexGrow: 1,
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
  },
});

export function App() {
  useGlobalStyles();
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme} className={styles.provider}>
      <ErrorBoundary fallback={() => <CrashMessage onReload={() => window.location.reload()} />}>
        <KvueQueryProvider>
          <Shell />
        </KvueQueryProvider>
      </ErrorBoundary>
    </FluentProvider>
  );
}

/** Header, the review queue with the sync banner above it, and the status bar. */
function Shell() {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.shell}>
      <AppHeader view={t('views.queue')} />
      <main className={styles.main}>
        <OfflineBanner />
        <QueueScreen />
      </main>
      <StatusBar />
    </div>
  );
}
