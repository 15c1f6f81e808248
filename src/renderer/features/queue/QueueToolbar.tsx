import {
  Button,
  CounterBadge,
  makeStyles,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  SearchBox,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowResetRegular, FilterRegular } from '@fluentui/react-icons';
import { type KeyboardEvent, memo, type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterPanel } from './FilterPanel';
import { activeFilterCount, type QueueFilters } from './queue-state';
import { ShortcutHelp } from './ShortcutHelp';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexShrink: 0,
    minWidth: 0,
  },
  search: {
    width: '380px',
    maxWidth: '40vw',
    flexShrink: 1,
    minWidth: '200px',
  },
  spacer: { flexGrow: 1 },
  count: {
    color: tokens.colorNeutralForeground2,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
});

export const QueueToolbar = memo(function QueueToolbar({
  searchRef,
  searchText,
  onSearchText,
  onSearchCommit,
  onSearchLeave,
  filters,
  onFilters,
  narrowed,
  onReset,
  count,
}: {
  searchRef: RefObject<HTMLInputElement | null>;
  searchText: string;
  onSearchText: (text: string) => void;
  onSearchCommit: () => void;
  /** ↓ in the box: on to the list. */
  onSearchLeave: () => void;
  filters: QueueFilters;
  onFilters: (patch: Partial<QueueFilters>) => void;
  narrowed: boolean;
  onReset: () => void;
  /** "1.234 Vorgänge", or null while counting. */
  count: string | null;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const active = activeFilterCount(filters);

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onSearchCommit();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      onSearchCommit();
      onSearchLeave();
    }
  };

  return (
    <div className={styles.root} role="search">
      <SearchBox
        ref={searchRef}
        className={styles.search}
        value={searchText}
        onChange={(_, data) => onSearchText(data.value)}
        onKeyDown={onSearchKeyDown}
        placeholder={t('queue.search.placeholder')}
        aria-label={t('queue.search.label')}
        title={t('queue.search.hint')}
        maxLength={200}
        data-testid="queue-search"
      />
      <Popover
        open={filtersOpen}
        onOpenChange={(_, data) => setFiltersOpen(data.open)}
        positioning="below-start"
        trapFocus
        withArrow
      >
        <PopoverTrigger disableButtonEnhancement>
          <Button
            icon={<FilterRegular />}
            appearance={active > 0 ? 'primary' : 'secondary'}
            data-testid="filter-button"
            aria-label={active > 0 ? t('queue.filters.buttonActive', { count: active }) : undefined}
          >
            {t('queue.filters.button')}
            {active > 0 && (
              <CounterBadge
                count={active}
                size="small"
                color="informative"
                appearance="filled"
                aria-hidden
                style={{ marginInlineStart: tokens.spacingHorizontalXS }}
              />
            )}
          </Button>
        </PopoverTrigger>
        <PopoverSurface aria-label={t('queue.filters.title')}>
          <FilterPanel
            filters={filters}
            onChange={onFilters}
            onReset={onReset}
            onClose={() => setFiltersOpen(false)}
          />
        </PopoverSurface>
      </Popover>
      <Button
        appearance="subtle"
        icon={<ArrowResetRegular />}
        disabled={!narrowed}
        onClick={onReset}
        data-testid="filter-reset"
      >
        {t('queue.filters.reset')}
      </Button>
      <span className={styles.spacer} />
      <Text className={styles.count} data-testid="case-count" aria-live="polite">
        {count ?? t('cases.countLoading')}
      </Text>
      <ShortcutHelp />
    </div>
  );
});
