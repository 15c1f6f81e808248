import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { bannerKind } from './sync-state';
import { useDisplayedSync } from './use-displayed-sync';

const useStyles = makeStyles({
  // In the view's flex column the banner must keep its text height, not give way to the list.
  root: { flexShrink: 0 },
});

/**
 * Shown above the list while the console cannot sync: what is happening, how old the data is, and
 * that nothing needs doing (reconnecting is automatic) — or whom to call if it persists.
 */
export function OfflineBanner() {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const { status, state, error } = useDisplayedSync();
  const kind = bannerKind(state);
  if (!kind) return null;

  const since = status?.lastSyncedAt
    ? t('sync.banner.staleSince', { time: format.dateTime(status.lastSyncedAt) })
    : t('sync.banner.noDataYet');

  return (
    <MessageBar
      intent={kind === 'offline' ? 'warning' : 'error'}
      layout="multiline"
      className={styles.root}
      data-testid="offline-banner"
      data-state={kind}
    >
      <MessageBarBody>
        <MessageBarTitle>
          {kind === 'offline' ? t('sync.banner.offlineTitle') : t('sync.banner.errorTitle')}
        </MessageBarTitle>{' '}
        {since} {kind === 'offline' ? t('sync.banner.offlineAction') : t('sync.banner.errorAction')}
        {kind === 'error' && error ? ` ${t('sync.banner.details', { error })}` : null}
      </MessageBarBody>
    </MessageBar>
  );
}
