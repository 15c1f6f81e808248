import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type KeyboardEvent, useCallback, useMemo, useRef, useState } from 'react';
import type { CaseListItem } from '../../../shared/contract';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../../api/use-sync-status';
import { useFormat } from '../../i18n/use-format';
import { CasePane } from '../case-pane/CasePane';
import { CaseGrid } from './CaseGrid';
import { CaseListEmpty } from './CaseListEmpty';
import { CaseListError } from './CaseListError';
import { DEFAULT_SORT } from './sort';
import { type StatusFilter, statusesFor } from './status-filter';
import { StatusFilterBar } from './StatusFilterBar';
import { useCaseList } from './use-case-list';

const useStyles = makeStyles({
  root: {
    flexGrow: 1,
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    flexShrink: 0,
  },
  banner: { flexShrink: 0 },
  // Grid and case pane side by side; the grid keeps the rest of the width.
  workspace: {
    flexGrow: 1,
    minHeight: 0,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
  },
  listColumn: {
    flexGrow: 1,
    minWidth: 0,
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
  },
  count: {
    color: tokens.colorNeutralForeground2,
    fontVariantNumeric: 'tabular-nums',
  },
});

/** The Vorgänge view: status filter, count, and the virtualised list or its empty/error state. */
export function CaseList() {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [filter, setFilter] = useState<StatusFilter>('all');
  const query = useMemo(() => ({ sort, status: statusesFor(filter) }), [sort, filter]);
  const list = useCaseList(query);
  const syncState = useSyncStatus().data?.state;
  const [selected, setSelected] = useState<CaseListItem | null>(null);
  const workspace = useRef<HTMLDivElement>(null);

  const closePane = useCallback(() => {
    const id = selected?.id;
    setSelected(null);
    // Back to the case's row, so the clerk continues in the list where they left it.
    const grid = workspace.current?.querySelector<HTMLElement>('[role="grid"]');
    const row =
      (id && grid?.querySelector<HTMLElement>(`[role="row"][data-case-id="${id}"]`)) ||
      grid?.querySelector<HTMLElement>('[role="row"][tabindex="0"]');
    row?.focus();
  }, [selected]);

  // Escape inside the grid or the pane; a dialog above (rendered in a portal) handles its own.
  const onWorkspaceKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || !selected || event.defaultPrevented) return;
    if (!(event.target instanceof Node) || !workspace.current?.contains(event.target)) return;
    event.preventDefault();
    closePane();
  };

  return (
    <section className={styles.root} aria-label={t('views.cases')}>
      <div className={styles.toolbar}>
        <StatusFilterBar value={filter} onChange={setFilter} />
        {!list.fatalError && (
          <Text className={styles.count} data-testid="case-count">
            {list.rowCount === undefined
              ? t('cases.countLoading')
              : t('cases.count', { count: list.rowCount, formatted: format.count(list.rowCount) })}
          </Text>
        )}
      </div>

      {list.partialError && (
        <MessageBar
          intent="error"
          layout="multiline"
          className={styles.banner}
          data-testid="cases-partial-error"
        >
          <MessageBarBody>
            <MessageBarTitle>{t('cases.error.partTitle')}</MessageBarTitle>
            {t('cases.error.body')}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={list.retry}>{t('cases.error.retry')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      <div ref={workspace} className={styles.workspace} onKeyDown={onWorkspaceKeyDown}>
        <div className={styles.listColumn}>
          {list.fatalError ? (
            <CaseListError onRetry={list.retry} />
          ) : list.rowCount === 0 ? (
            <CaseListEmpty
              filter={filter}
              syncState={syncState}
              onShowAll={() => setFilter('all')}
            />
          ) : (
            <CaseGrid
              rowCount={list.rowCount}
              rowAt={list.rowAt}
              sort={sort}
              onSortChange={setSort}
              onVisibleRangeChange={list.onVisibleRangeChange}
              resetKey={list.resetKey}
              selectedId={selected?.id ?? null}
              onOpen={setSelected}
            />
          )}
        </div>
        {selected && <CasePane item={selected} onClose={closePane} />}
      </div>
    </section>
  );
}
