import { Button, Spinner } from '@fluentui/react-components';
import {
  CheckmarkCircleRegular,
  DocumentSearchRegular,
  PlugDisconnectedRegular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { QueueView, SyncStatus } from '../../../shared/contract';
import { ListMessage } from '../cases/ListMessage';

/**
 * Why the queue is empty, and what to do: filters that match nothing, the first sync still
 * running, no connection before any data, or a view that is simply done.
 */
export function QueueEmpty({
  view,
  narrowed,
  sync,
  onReset,
  onShowAll,
}: {
  view: QueueView;
  narrowed: boolean;
  sync: SyncStatus | undefined;
  onReset: () => void;
  onShowAll: () => void;
}) {
  const { t } = useTranslation();
  const viewName = t(`queue.views.${view}`);
  if (narrowed) {
    return (
      <ListMessage
        testId="cases-empty"
        icon={<DocumentSearchRegular />}
        title={t('queue.empty.filteredTitle')}
        body={t('queue.empty.filteredBody', { view: viewName })}
        action={
          <div style={{ display: 'flex', gap: 8 }}>
            <Button appearance="primary" onClick={onReset}>
              {t('queue.filters.reset')}
            </Button>
            {view !== 'all' && <Button onClick={onShowAll}>{t('queue.empty.searchAll')}</Button>}
          </div>
        }
      />
    );
  }
  const noData = (sync?.caseCount ?? 0) === 0;
  const state = sync?.state;
  if (noData && (state === undefined || state === 'starting' || state === 'syncing')) {
    return (
      <ListMessage
        testId="cases-empty"
        icon={<Spinner size="large" />}
        title={t('cases.empty.firstSyncTitle')}
        body={t('cases.empty.firstSyncBody')}
      />
    );
  }
  if (noData && (state === 'offline' || state === 'error')) {
    return (
      <ListMessage
        testId="cases-empty"
        icon={<PlugDisconnectedRegular />}
        title={t('cases.empty.offlineTitle')}
        body={t('cases.empty.offlineBody')}
      />
    );
  }
  return (
    <ListMessage
      testId="cases-empty"
      icon={<CheckmarkCircleRegular />}
      title={t(`queue.empty.${view}.title`)}
      body={t(`queue.empty.${view}.body`)}
      action={
        view !== 'all' ? <Button onClick={onShowAll}>{t('queue.empty.showAll')}</Button> : undefined
      }
    />
  );
}
