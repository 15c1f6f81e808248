import {
  Badge,
  Button,
  makeStyles,
  mergeClasses,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispatchSummary } from '../../../shared/contract';
import { useDispatches, useMe } from '../../api/use-dispatch';
import { usePanelStyles } from '../../components/panel-styles';
import { useFormat } from '../../i18n/use-format';
import { useListboxKeys, useListStyles } from '../messages/ConversationList';
import { DispatchDetailView } from './DispatchDetailView';
import { DispatchForm } from './DispatchForm';
import { summaryLine } from './summary';

const useStyles = makeStyles({
  root: { flexGrow: 1, minHeight: 0, display: 'flex', gap: tokens.spacingHorizontalS },
  side: { width: '340px', flexShrink: 0 },
  main: { flexGrow: 1, minWidth: 0 },
  top: {
    padding: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  item: { gridTemplateColumns: '1fr auto' },
  placeholder: {
    flexGrow: 1,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: tokens.colorNeutralForeground3,
    padding: tokens.spacingHorizontalL,
  },
});

/**
 * The team lead's dispatches: the list with each one's progress ("142 von 180 bestätigt"), a new
 * dispatch, and one dispatch's recipients, all live as receipts arrive.
 */
export function DispatchScreen() {
  const { t } = useTranslation();
  const styles = useStyles();
  const list = useListStyles();
  const panel = usePanelStyles();
  const format = useFormat();
  const me = useMe().data ?? null;
  const dispatches = useDispatches();
  const items = dispatches.data?.items ?? [];
  const [mode, setMode] = useState<{ kind: 'new' } | { kind: 'show'; id: string } | null>(null);
  const selectedId = mode?.kind === 'show' ? mode.id : null;
  const selectedIndex = items.findIndex((item) => item.id === selectedId);
  const { ref, onKeyDown } = useListboxKeys(items.length, selectedIndex, (i) => {
    const item = items[i];
    if (item) setMode({ kind: 'show', id: item.id });
  });
  const now = new Date();

  const status = (item: DispatchSummary) =>
    item.pending
      ? t('dispatch.status.pending')
      : item.status === 'scheduled'
        ? t('dispatch.status.scheduled', { time: format.dateTime(item.sendAt) })
        : item.status === 'sent'
          ? t('dispatch.status.sent', { time: format.stamp(item.sentAt, now) })
          : t('dispatch.status.cancelled');

  return (
    <section className={styles.root} aria-label={t('dispatch.title')} data-testid="dispatch-screen">
      <div className={mergeClasses(panel.panel, styles.side)}>
        <div className={styles.top}>
          <Button
            appearance="primary"
            icon={<AddRegular />}
            onClick={() => setMode({ kind: 'new' })}
            data-testid="dispatch-new"
          >
            {t('dispatch.new')}
          </Button>
        </div>
        {dispatches.isPending ? (
          <Spinner size="tiny" className={list.empty} />
        ) : dispatches.isError ? (
          <Text className={list.empty}>{t('dispatch.loadError')}</Text>
        ) : items.length === 0 ? (
          <Text className={list.empty}>{t('dispatch.empty')}</Text>
        ) : (
          <div
            ref={ref}
            role="listbox"
            aria-label={t('dispatch.listLabel')}
            className={list.list}
            onKeyDown={onKeyDown}
            data-testid="dispatch-list"
          >
            {items.map((item, i) => (
              <div
                key={item.id}
                role="option"
                aria-selected={item.id === selectedId}
                tabIndex={item.id === selectedId || (selectedIndex === -1 && i === 0) ? 0 : -1}
                className={mergeClasses(
                  list.item,
                  styles.item,
                  item.id === selectedId && list.selected,
                )}
                onClick={() => setMode({ kind: 'show', id: item.id })}
                data-testid="dispatch-item"
                data-dispatch-id={item.id}
              >
                <Text className={list.title}>{item.excerpt}</Text>
                {item.priority !== 'normal' ? (
                  <Badge
                    size="small"
                    appearance="tint"
                    color={item.priority === 'urgent' ? 'danger' : 'warning'}
                  >
                    {t(`messages.message.priority.${item.priority}`)}
                  </Badge>
                ) : (
                  <span />
                )}
                <Text size={200} className={list.excerpt}>
                  {status(item)}
                </Text>
                <Text size={200} className={list.stamp} data-testid="dispatch-item-summary">
                  {summaryLine(item, t)}
                </Text>
              </div>
            ))}
          </div>
        )}
      </div>
      <div className={mergeClasses(panel.panel, styles.main)}>
        {mode?.kind === 'new' ? (
          <DispatchForm userId={me?.id ?? null} onSent={(id) => setMode({ kind: 'show', id })} />
        ) : selectedId ? (
          <DispatchDetailView dispatchId={selectedId} />
        ) : (
          <div className={styles.placeholder}>
            <Text>{t('dispatch.choose')}</Text>
          </div>
        )}
      </div>
    </section>
  );
}
