import type { BulkDecisionKind } from '../../../shared/contract/work-calls';
import { caseDetailQuery, usePrefetchCaseDetail } from '../../api/use-case-detail';
import { useQueryClient } from '@tanstack/react-query';
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
import {
  type KeyboardEvent,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow, QueueView } from '../../../shared/contract';
import { useSyncStatus } from '../../api/use-sync-status';
import { lazyWithPreload } from '../../components/lazy';
import { useFormat } from '../../i18n/use-format';
import type { CasePaneItem } from '../case-pane/CasePane';
import { CaseGrid } from '../cases/CaseGrid';
import type { PageCheck } from '../cases/CaseGridHeader';
import { CaseListError } from '../cases/CaseListError';
import { PAGE_SIZE } from '../cases/paging';
import { BulkBar } from './BulkBar';
import { countLabel } from './queue-paging';
import { isNarrowed, type QueueFilters, toQueueFilter } from './queue-state';
import { QueueEmpty } from './QueueEmpty';
import { QueueToolbar } from './QueueToolbar';
import {
  EMPTY_SELECTION,
  extendTo,
  loadedPageRows,
  nextAfterDecision,
  selectedIds,
  selectRows,
  type Selection,
  toggle,
} from './selection';
import { useQueueKeys } from './use-queue-keys';
import { useQueueList } from './use-queue-list';
import { useQueueState } from './use-queue-state';
import { ViewTabs } from './ViewTabs';

// Loaded after the list's first paint (or on first use): the first paint needs only the list.
const casePane = lazyWithPreload(async () => (await import('../case-pane/CasePane')).CasePane);
const bulkDialog = lazyWithPreload(
  async () => (await import('../decision/BulkDecisionDialog')).BulkDecisionDialog,
);
const CasePane = casePane.Component;
const BulkDecisionDialog = bulkDialog.Component;

/** Once the list shows, the rest of the screen's code loads while the clerk reads it. */
function usePreloadAfterFirstPaint(listShown: boolean) {
  useEffect(() => {
    if (!listShown) return;
    const preload = () => {
      for (const part of [casePane, bulkDialog]) {
        // A failed load is tried again on first use, where Suspense and the error boundary see it.
        part.preload().catch(() => undefined);
      }
    };
    const idle = window.requestIdleCallback?.(preload, { timeout: 2000 });
    if (idle === undefined) {
      const timer = window.setTimeout(preload, 500);
      return () => window.clearTimeout(timer);
    }
    return () => window.cancelIdleCallback(idle);
  }, [listShown]);
}

const useStyles = makeStyles({
  root: {
    flexGrow: 1,
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
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
    gap: tokens.spacingVerticalXS,
  },
  hint: {
    flexShrink: 0,
    color: tokens.colorNeutralForeground3,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
});

/** Per list (view + filters + sort): a new list starts at its top with nothing chosen. */
interface Keyed<T> {
  key: string;
  value: T;
}

/**
 * The clerk's review queue: saved views with counts, search and filters, the virtualised grid
 * with bulk selection, and the case pane beside it.
 */
/** A case to open from outside the list (a `kvue://case/<id>` link); `at` makes a repeat new. */
export interface CaseRequest {
  caseId: string;
  at: number;
}

/** Index of a case opened by link: it need not be in the view, so it has no row of its own. */
const NO_ROW = -1;

/** `active` false: another area is shown, the queue keeps its state but not the keyboard. */
export function QueueScreen({
  active = true,
  caseRequest = null,
}: {
  active?: boolean;
  caseRequest?: CaseRequest | null;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const { state, dispatch, searchText, setSearchText, commitSearch } = useQueueState();
  const filter = useMemo(() => toQueueFilter(state), [state]);
  const list = useQueueList(filter, state.sort);
  const { resetKey } = list;
  const sync = useSyncStatus().data;
  const narrowed = isNarrowed(state);

  const searchRef = useRef<HTMLInputElement>(null);
  const workspace = useRef<HTMLDivElement>(null);

  const [focusState, setFocusState] = useState<Keyed<number>>({ key: resetKey, value: 0 });
  const focusIndex = focusState.key === resetKey ? focusState.value : 0;
  const [focusRequest, setFocusRequest] = useState(0);
  const requestRowFocus = useCallback(() => setFocusRequest((n) => n + 1), []);
  const onFocusedIndexChange = useCallback(
    (index: number) => setFocusState({ key: resetKey, value: index }),
    [resetKey],
  );

  const [selectionState, setSelectionState] = useState<Keyed<Selection>>({
    key: resetKey,
    value: EMPTY_SELECTION,
  });
  const selection = selectionState.key === resetKey ? selectionState.value : EMPTY_SELECTION;
  const updateSelection = (update: (selection: Selection) => Selection) =>
    setSelectionState({ key: resetKey, value: update(selection) });
  // The kind chosen in the bulk bar while its dialog is open.
  const [bulkKind, setBulkKind] = useState<BulkDecisionKind | null>(null);

  // The open case and its row index: the index moves when rows above it leave the view.
  const [openAt, setOpenAt] = useState<{ row: CasePaneItem; index: number } | null>(null);
  const open = openAt?.row ?? null;
  // After a decision the next case may sit on a page still loading: open it when it arrives.
  const [openWhenLoaded, setOpenWhenLoaded] = useState<number | null>(null);

  // Stable callbacks: tabs and toolbar are memoised, so scrolling the grid does not re-render them.
  const selectView = useCallback(
    (view: QueueView) => {
      const grid = workspace.current?.querySelector('[role="grid"]');
      const hadFocus = grid?.contains(document.activeElement) ?? false;
      dispatch({ type: 'view', view });
      if (hadFocus) requestRowFocus();
    },
    [dispatch, requestRowFocus],
  );
  const onFilters = useCallback(
    (patch: Partial<QueueFilters>) => dispatch({ type: 'filters', patch }),
    [dispatch],
  );
  const onReset = useCallback(() => dispatch({ type: 'reset' }), [dispatch]);

  useQueueKeys({
    active,
    focusSearch: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    selectView,
  });

  const idAt = (index: number) => list.rowAt(index)?.id;
  // With a case open, the next one a decision moves to; otherwise the focused row.
  usePrefetchCaseDetail(openAt ? idAt(openAt.index + 1) : idAt(focusIndex));

  // A link opens its case beside whatever list is shown; a case this desk lacks is said so.
  const client = useQueryClient();
  const [linkMissing, setLinkMissing] = useState(false);
  useEffect(() => {
    if (!caseRequest) return;
    let current = true;
    client.fetchQuery(caseDetailQuery(caseRequest.caseId)).then(
      (detail) => {
        if (!current) return;
        setLinkMissing(false);
        setOpenAt({
          row: { id: detail.case.id, fileNumber: detail.case.fileNumber },
          index: NO_ROW,
        });
        setOpenWhenLoaded(null);
      },
      () => {
        if (current) setLinkMissing(true);
      },
    );
    return () => {
      current = false;
    };
  }, [caseRequest, client]);

  // Rows move when data changes (a decided case leaves the disputed view): keep the focus on the
  // open case, which is at most a row away, and keep DOM focus with it. Adjusted while rendering,
  // as React advises for state derived from what the last render saw.
  if (openWhenLoaded !== null) {
    const row = list.rowAt(openWhenLoaded);
    if (row) {
      setOpenAt({ row, index: openWhenLoaded });
      setOpenWhenLoaded(null);
    }
  } else if (openAt && openAt.index !== NO_ROW) {
    const here = list.rowAt(openAt.index);
    if (here && here.id !== openAt.row.id) {
      const delta = [-1, 1].find((d) => list.rowAt(openAt.index + d)?.id === openAt.row.id);
      if (delta !== undefined) {
        const index = openAt.index + delta;
        setOpenAt({ row: openAt.row, index });
        if (focusIndex === openAt.index) {
          setFocusState({ key: resetKey, value: index });
          // The row element at the old index now shows another case; focus follows the open
          // one, unless the clerk is elsewhere (in the pane, in a dialog).
          if (document.activeElement?.closest('[data-testid="case-grid"]')) requestRowFocus();
        }
      }
    }
  }

  const openRow = useCallback(
    (row: QueueRow, index: number) => {
      setOpenAt({ row, index });
      setOpenWhenLoaded(null);
      setFocusState({ key: resetKey, value: index });
    },
    [resetKey],
  );

  const closePane = useCallback(() => {
    if (openAt && openAt.index !== NO_ROW) setFocusState({ key: resetKey, value: openAt.index });
    setOpenAt(null);
    setOpenWhenLoaded(null);
    // Back to the case's row, so the clerk continues in the list where they left it.
    requestRowFocus();
  }, [openAt, resetKey, requestRowFocus]);

  /** The clerk decided the open case: on to the next one, by position (see nextAfterDecision). */
  const onNext = () => {
    // A case opened by link has no place in the list to move on from: back to the list.
    if (openAt?.index === NO_ROW) {
      closePane();
      return;
    }
    const from = openAt?.index ?? focusIndex;
    const target = nextAfterDecision(from, openAt?.row.id, idAt, list.rowCount);
    if (target === null) {
      closePane();
      return;
    }
    const row = list.rowAt(target);
    setFocusState({ key: resetKey, value: target });
    if (row) setOpenAt({ row, index: target });
    else {
      setOpenAt(null);
      setOpenWhenLoaded(target);
    }
    requestRowFocus();
  };

  // Escape inside the grid or the pane; a dialog above (rendered in a portal) handles its own.
  const onWorkspaceKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (!(event.target instanceof Node) || !workspace.current?.contains(event.target)) return;
    if (open) {
      event.preventDefault();
      closePane();
    }
  };

  const pageRows =
    list.rowCount === undefined ? [] : loadedPageRows(focusIndex, PAGE_SIZE, list.rowCount, idAt);
  const checkedOnPage = pageRows.filter((row) => selection.ids.has(row.id)).length;
  const pageCheck: PageCheck =
    checkedOnPage === 0 ? false : checkedOnPage === pageRows.length ? true : 'mixed';

  const onToggle = (index: number) => {
    const id = idAt(index);
    if (id !== undefined) updateSelection((s) => toggle(s, id, index));
  };
  const onExtend = (from: number, to: number) =>
    updateSelection((s) => extendTo(s, from, to, idAt));
  const onTogglePage = (index: number) => {
    if (list.rowCount === undefined) return;
    const rows = loadedPageRows(index, PAGE_SIZE, list.rowCount, idAt);
    updateSelection((s) => selectRows(s, rows));
  };
  const clearSelection = () => setSelectionState({ key: resetKey, value: EMPTY_SELECTION });
  const chosen = selectedIds(selection);

  usePreloadAfterFirstPaint(list.rowCount !== undefined);
  const count = countLabel(list.total, format.count);
  const initialSync = sync?.state === 'syncing' && sync.lastSyncedAt === null;

  return (
    <section className={styles.root} aria-label={t('views.queue')} data-testid="queue">
      <ViewTabs value={state.view} onChange={selectView} />
      <QueueToolbar
        searchRef={searchRef}
        searchText={searchText}
        onSearchText={setSearchText}
        onSearchCommit={commitSearch}
        onSearchLeave={requestRowFocus}
        filters={state.filters}
        onFilters={onFilters}
        narrowed={narrowed}
        onReset={onReset}
        count={
          // The previous filter's count stays while the new one is counted: no flicker.
          count === undefined
            ? null
            : t('queue.count', { count: list.total?.total ?? 0, formatted: count })
        }
      />

      {initialSync && (
        <MessageBar intent="info" className={styles.banner} data-testid="queue-initial-sync">
          <MessageBarBody>{t('queue.initialSync')}</MessageBarBody>
        </MessageBar>
      )}

      {linkMissing && (
        <MessageBar intent="warning" className={styles.banner} data-testid="case-link-missing">
          <MessageBarBody>
            <MessageBarTitle>{t('queue.link.missingTitle')}</MessageBarTitle>
            {t('queue.link.missingBody')}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => setLinkMissing(false)}>{t('queue.link.dismiss')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}

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

      {chosen.length > 0 && (
        <BulkBar count={chosen.length} onDecide={setBulkKind} onClear={clearSelection} />
      )}

      <div ref={workspace} className={styles.workspace} onKeyDown={onWorkspaceKeyDown}>
        <div className={styles.listColumn}>
          {list.fatalError ? (
            <CaseListError onRetry={list.retry} />
          ) : list.rowCount === 0 ? (
            <QueueEmpty
              view={state.view}
              narrowed={narrowed}
              sync={sync}
              onReset={onReset}
              onShowAll={() => dispatch({ type: 'view', view: 'all' })}
            />
          ) : (
            <CaseGrid
              rowCount={list.rowCount}
              rowAt={list.rowAt}
              sort={state.sort}
              onSortChange={(sort) => dispatch({ type: 'sort', sort })}
              onVisibleRangeChange={list.onVisibleRangeChange}
              resetKey={resetKey}
              focusedIndex={focusIndex}
              onFocusedIndexChange={onFocusedIndexChange}
              focusRequest={focusRequest}
              selectedId={open?.id ?? null}
              onOpen={openRow}
              isChecked={(id) => selection.ids.has(id)}
              pageCheck={pageCheck}
              onToggle={onToggle}
              onExtend={onExtend}
              onTogglePage={onTogglePage}
            />
          )}
          <Text size={200} className={styles.hint} data-testid="queue-hint">
            {t('queue.shortcuts.hint')}
          </Text>
        </div>
        {open && (
          <Suspense fallback={null}>
            <CasePane item={open} onClose={closePane} onNext={onNext} />
          </Suspense>
        )}
      </div>

      {bulkKind && (
        <Suspense fallback={null}>
          <BulkDecisionDialog
            caseIds={chosen}
            open
            kind={bulkKind}
            onClose={(decided) => {
              setBulkKind(null);
              if (decided) clearSelection();
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
