import { makeStyles, mergeClasses, Tab, TabList, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueView } from '../../../shared/contract';
import { useQueueCounts } from '../../api/use-queue';
import { useFormat } from '../../i18n/use-format';
import { VIEW_ORDER } from './queue-state';

const useStyles = makeStyles({
  list: {
    flexWrap: 'wrap',
    minWidth: 0,
  },
  tab: {
    paddingInline: tokens.spacingHorizontalS,
  },
  count: {
    marginInlineStart: tokens.spacingHorizontalXS,
    paddingInline: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
    fontVariantNumeric: 'tabular-nums',
  },
  // Conflicts need the clerk: their count stands out when there are any.
  alert: {
    backgroundColor: tokens.colorPaletteRedBackground2,
    color: tokens.colorPaletteRedForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** The saved views as a tab row, each with its count; Alt+1 … Alt+7 choose them too. */
export const ViewTabs = memo(function ViewTabs({
  value,
  onChange,
}: {
  value: QueueView;
  onChange: (view: QueueView) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const counts = useQueueCounts().data;
  return (
    <TabList
      size="small"
      selectedValue={value}
      onTabSelect={(_, data) => onChange(data.value as QueueView)}
      aria-label={t('queue.views.label')}
      className={styles.list}
      data-testid="queue-views"
    >
      {VIEW_ORDER.map((view, index) => {
        const count = counts?.counts[view];
        const label =
          count === undefined
            ? undefined
            : `${format.count(count)}${counts?.capped.includes(view) ? '+' : ''}`;
        return (
          <Tab
            key={view}
            value={view}
            className={styles.tab}
            data-view={view}
            title={t('queue.views.shortcut', { key: index + 1 })}
          >
            {t(`queue.views.${view}`)}
            {label !== undefined && (
              <span
                className={mergeClasses(
                  styles.count,
                  view === 'conflicts' && (count ?? 0) > 0 && styles.alert,
                )}
                data-testid="view-count"
              >
                {label}
              </span>
            )}
          </Tab>
        );
      })}
    </TabList>
  );
});
