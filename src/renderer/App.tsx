import { FluentProvider, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KvueQueryProvider } from './api/KvueQueryProvider';
import { useMayDispatch } from './api/use-dispatch';
import { AppHeader } from './components/AppHeader';
import { AREAS, type Area, areaForKey } from './components/areas';
import { inDialog } from './components/keys';
import { CrashMessage } from './components/CrashMessage';
import { ErrorBoundary } from './components/ErrorBoundary';
import { lazyWithPreload } from './components/lazy';
import { type Navigation, NavigationContext } from './components/navigation';
import { useGlobalStyles } from './components/global-styles';
import { HelpCenter } from './features/help/HelpCenter';
import { DoNotDisturb } from './features/notifications/DoNotDisturb';
import { useDoNotDisturb } from './features/notifications/dnd-setting';
import { useArrivalNotices } from './features/notifications/use-arrival-notices';
import { QueueScreen } from './features/queue/QueueScreen';
import { useCaseLinks } from './features/queue/use-case-links';
import { SessionGate } from './features/session/SessionGate';
import { ApplySettings } from './features/settings/ApplySettings';
import { SettingsButton } from './features/settings/SettingsButton';
import { SessionMenu } from './features/session/SessionMenu';
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
  area: {
    flexGrow: 1,
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
  },
  // Hidden areas stay mounted: the queue keeps its scroll position, focus row and open case.
  hidden: { display: 'none' },
});

// The messages load on first visit (or when the browser is idle): the queue's first paint needs
// none of them.
const messagesScreen = lazyWithPreload(
  async () => (await import('./features/messages/MessagesScreen')).MessagesScreen,
);
const MessagesScreen = messagesScreen.Component;
const dispatchScreen = lazyWithPreload(
  async () => (await import('./features/dispatch/DispatchScreen')).DispatchScreen,
);
const DispatchScreen = dispatchScreen.Component;

export function App() {
  useGlobalStyles();
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme} className={styles.provider}>
      <ErrorBoundary fallback={() => <CrashMessage onReload={() => window.location.reload()} />}>
        <KvueQueryProvider>
          <ApplySettings />
          <SessionGate>
            <Shell />
          </SessionGate>
        </KvueQueryProvider>
      </ErrorBoundary>
    </FluentProvider>
  );
}

/** Header, the area (queue or messages) with the sync banner above it, and the status bar. */
function Shell() {
  const { t } = useTranslation();
  const styles = useStyles();
  const [area, setArea] = useState<Area>('queue');
  const [visited, setVisited] = useState<ReadonlySet<Area>>(() => new Set(['queue']));
  const go = useCallback((next: Area) => {
    setArea(next);
    setVisited((seen) => (seen.has(next) ? seen : new Set([...seen, next])));
  }, []);
  // Dispatching is for team leads and admins; the server refuses everyone else anyway.
  const mayDispatch = useMayDispatch();
  const areas = useMemo(() => AREAS.filter((a) => a !== 'dispatch' || mayDispatch), [mayDispatch]);

  // A conversation to open in the messages area (from a notice); the counter makes a repeat new.
  const [conversationRequest, setConversationRequest] = useState<{
    id: string;
    at: number;
  } | null>(null);
  const shownConversation = useRef<string | null>(null);
  const onShownChange = useCallback((id: string | null) => {
    shownConversation.current = id;
  }, []);
  const doNotDisturb = useDoNotDisturb();
  const caseRequest = useCaseLinks(() => go('queue'));
  const navigation = useMemo<Navigation>(
    () => ({
      openConversation: (conversationId) => {
        go('messages');
        if (conversationId) setConversationRequest({ id: conversationId, at: Date.now() });
      },
    }),
    [go],
  );
  useArrivalNotices({
    doNotDisturb: doNotDisturb.quiet,
    shownConversation: () => (area === 'messages' ? shownConversation.current : null),
    open: navigation.openConversation,
  });

  const areasRef = useRef(areas);
  useEffect(() => {
    areasRef.current = areas;
  }, [areas]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const next = areaForKey(event, areasRef.current);
      if (!next || event.defaultPrevented || inDialog(event.target)) return;
      event.preventDefault();
      go(next);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [go]);

  useEffect(() => {
    const preload = () => void messagesScreen.preload().catch(() => undefined);
    const timer = window.setTimeout(preload, 3000);
    return () => window.clearTimeout(timer);
  }, []);

  return (
    <NavigationContext.Provider value={navigation}>
      <div className={styles.shell}>
        <AppHeader
          view={t(`nav.${area}`)}
          areas={areas}
          area={area}
          onAreaChange={go}
          tools={
            <>
              <DoNotDisturb on={doNotDisturb.on} onChange={doNotDisturb.set} />
              <SettingsButton />
              <SessionMenu />
            </>
          }
        />
        <main className={styles.main}>
          <OfflineBanner />
          <div className={area === 'queue' ? styles.area : styles.hidden}>
            <QueueScreen active={area === 'queue'} caseRequest={caseRequest} />
          </div>
          {visited.has('messages') && (
            <div className={area === 'messages' ? styles.area : styles.hidden}>
              <Suspense fallback={null}>
                <MessagesScreen
                  active={area === 'messages'}
                  request={conversationRequest}
                  onShownChange={onShownChange}
                />
              </Suspense>
            </div>
          )}
          {visited.has('dispatch') && mayDispatch && (
            <div className={area === 'dispatch' ? styles.area : styles.hidden}>
              <Suspense fallback={null}>
                <DispatchScreen />
              </Suspense>
            </div>
          )}
        </main>
        <StatusBar />
        <HelpCenter />
      </div>
    </NavigationContext.Provider>
  );
}
