import { makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import {
  CheckmarkCircleRegular,
  ErrorCircleRegular,
  PlugDisconnectedRegular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import type { SyncProgress } from '../../../shared/contract';
import { etaMinutes, type SyncState } from './sync-state';
import { useDisplayedSync } from './use-displayed-sync';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    minHeight: '28px',
    paddingInline: tokens.spacingHorizontalL,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  },
  state: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground1,
  },
  icon: { fontSize: '14px', flexShrink: 0 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  danger: { color: tokens.colorPaletteRedForeground1 },
  separator: {
    width: tokens.strokeWidthThin,
    alignSelf: 'stretch',
    marginBlock: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralStroke2,
  },
  muted: { fontVariantNumeric: 'tabular-nums' },
});

/** The bottom bar: sync state, how many cases are stored locally, and when the last sync was. */
export function StatusBar() {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const { status, state, error } = useDisplayedSync();

  return (
    <footer className={styles.root} aria-label={t('sync.barLabel')} data-testid="status-bar">
      <span className={styles.state}>
        <StateIcon state={state} />
        {/* A polite live region: the clerk hears "Offline" or "Synchronisiert" when it changes. */}
        <span role="status" data-testid="sync-state" data-state={state} title={error ?? undefined}>
          {t(`sync.state.${state}`)}
        </span>
      </span>
      {state === 'syncing' && status?.progress && <SyncProgressText progress={status.progress} />}
      {status && (
        <>
          <span className={styles.separator} aria-hidden />
          <span className={styles.muted} data-testid="sync-case-count">
            {t('sync.localCount', {
              count: status.caseCount,
              formatted: format.count(status.caseCount),
            })}
          </span>
          <span className={styles.separator} aria-hidden />
          <span className={styles.muted} data-testid="sync-last">
            {status.lastSyncedAt
              ? t('sync.lastSynced', { time: format.dateTime(status.lastSyncedAt) })
              : t('sync.neverSynced')}
          </span>
        </>
      )}
    </footer>
  );
}

/** "12.345 Änderungen, noch ca. 2 min" while a pull is under way; bytes read in the tooltip. */
function SyncProgressText({ progress }: { progress: SyncProgress }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const parts = [
    t('sync.progressRows', { count: progress.rows, formatted: format.count(progress.rows) }),
  ];
  if (progress.indexing) parts.push(t('sync.indexing'));
  const eta = etaMinutes(progress.etaSeconds);
  if (eta === 0) parts.push(t('sync.progressEtaUnderMinute'));
  else if (eta !== null) parts.push(t('sync.progressEta', { count: eta }));
  return (
    <span
      className={styles.muted}
      data-testid="sync-progress"
      title={t('sync.progressDetail', {
        rows: format.count(progress.rows),
        megabytes: format.count(Math.round(progress.bytes / 1_000_000)),
      })}
    >
      {parts.join(', ')}
    </span>
  );
}

function StateIcon({ state }: { state: SyncState }) {
  const styles = useStyles();
  switch (state) {
    case 'starting':
    case 'syncing':
      return <Spinner size="extra-tiny" aria-hidden />;
    case 'idle':
      return (
        <CheckmarkCircleRegular className={mergeClasses(styles.icon, styles.ok)} aria-hidden />
      );
    case 'offline':
      return (
        <PlugDisconnectedRegular
          className={mergeClasses(styles.icon, styles.warning)}
          aria-hidden
        />
      );
    case 'error':
      return (
        <ErrorCircleRegular className={mergeClasses(styles.icon, styles.danger)} aria-hidden />
      );
  }
}
