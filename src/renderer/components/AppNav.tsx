import {
  Button,
  CounterBadge,
  makeStyles,
  mergeClasses,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import {
  ChatMultipleRegular,
  MegaphoneLoudRegular,
  TaskListLtrRegular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useConversations } from '../api/use-messages';
import { AREA_KEYS, type Area } from './areas';

const useStyles = makeStyles({
  nav: { display: 'flex', alignItems: 'stretch', gap: tokens.spacingHorizontalXS, height: '100%' },
  item: {
    height: '100%',
    borderRadius: 0,
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    fontWeight: tokens.fontWeightRegular,
  },
  current: {
    borderBottomColor: tokens.colorCompoundBrandStroke,
    fontWeight: tokens.fontWeightSemibold,
  },
  label: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

const ICONS: Record<Area, ReactElement> = {
  queue: <TaskListLtrRegular />,
  messages: <ChatMultipleRegular />,
  dispatch: <MegaphoneLoudRegular />,
};

/**
 * The console's areas, the current one marked; the messages with the unread count. A navigation
 * (aria-current), not tabs: the areas are places, and the queue has its own tabs for its views.
 */
export function AppNav({
  areas,
  area,
  onChange,
}: {
  /** The areas this user has. */
  areas: readonly Area[];
  area: Area;
  onChange: (area: Area) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const unread = useConversations().data?.unreadTotal ?? 0;
  return (
    <nav aria-label={t('nav.label')} className={styles.nav}>
      {areas.map((value) => (
        <Tooltip
          key={value}
          content={t('nav.shortcut', { key: AREA_KEYS[value].toUpperCase() })}
          relationship="description"
          withArrow
        >
          <Button
            appearance="subtle"
            icon={ICONS[value]}
            className={mergeClasses(styles.item, value === area && styles.current)}
            aria-current={value === area ? 'page' : undefined}
            onClick={() => onChange(value)}
            data-testid={`nav-${value}`}
          >
            <span className={styles.label}>
              {t(`nav.${value}`)}
              {value === 'messages' && unread > 0 && (
                <CounterBadge
                  count={unread}
                  overflowCount={999}
                  size="small"
                  aria-label={t('nav.unread', { count: unread })}
                  data-testid="nav-unread"
                />
              )}
            </span>
          </Button>
        </Tooltip>
      ))}
    </nav>
  );
}
