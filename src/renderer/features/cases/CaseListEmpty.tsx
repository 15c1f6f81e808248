import { Button, Spinner } from '@fluentui/react-components';
import {
  DocumentSearchRegular,
  PlugDisconnectedRegular,
  TaskListLtrRegular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/contract';
import { ListMessage } from './ListMessage';
import type { StatusFilter } from './status-filter';

/**
 * Why the list is empty, and what happens next: a filter that matches nothing, the first sync
 * still running, no connection yet, or simply no cases.
 */
export function CaseListEmpty({
  filter,
  syncState,
  onShowAll,
}: {
  filter: StatusFilter;
  syncState: SyncStatus['state'] | undefined;
  onShowAll: () => void;
}) {
  const { t } = useTranslation();
  if (filter !== 'all') {
    return (
      <ListMessage
        testId="cases-empty"
        icon={<DocumentSearchRegular />}
        title={t('cases.empty.filteredTitle', { status: t(`cases.filter.${filter}`) })}
        body={t('cases.empty.filteredBody')}
        action={
          <Button appearance="primary" onClick={onShowAll}>
            {t('cases.empty.showAll')}
          </Button>
        }
      />
    );
  }
  if (syncState === undefined || syncState === 'starting' || syncState === 'syncing') {
    return (
      <ListMessage
        testId="cases-empty"
        icon={<Spinner size="large" />}
        title={t('cases.empty.firstSyncTitle')}
        body={t('cases.empty.firstSyncBody')}
      />
    );
  }
  if (syncState === 'offline' || syncState === 'error') {
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
      icon={<TaskListLtrRegular />}
      title={t('cases.empty.noneTitle')}
      body={t('cases.empty.noneBody')}
    />
  );
}
