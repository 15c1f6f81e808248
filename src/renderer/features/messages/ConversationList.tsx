import { CounterBadge, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { MegaphoneRegular, PeopleRegular, PersonRegular } from '@fluentui/react-icons';
import { type KeyboardEvent, type ReactElement, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationKind } from '../../../shared/domain/conversation';
import { type ConversationSummary, UNREAD_CAP } from '../../../shared/contract';
import { useFormat } from '../../i18n/use-format';
import { lastMessagePrefix } from './message-format';

export const useListStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    overflowY: 'auto',
    minHeight: 0,
    flexGrow: 1,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  item: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr auto',
    columnGap: tokens.spacingHorizontalS,
    rowGap: '2px',
    alignItems: 'center',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  icon: { color: tokens.colorNeutralForeground3, fontSize: '20px', gridRow: 'span 2' },
  title: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  unreadTitle: { fontWeight: tokens.fontWeightSemibold },
  stamp: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  excerpt: {
    color: tokens.colorNeutralForeground2,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  empty: { padding: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground3 },
});

export const KIND_ICONS: Record<ConversationKind, ReactElement> = {
  direct: <PersonRegular />,
  group: <PeopleRegular />,
  channel: <MegaphoneRegular />,
};

/**
 * Moves the selection with ↑/↓/Home/End among a listbox's options and focuses the new one, for
 * the conversation list and the search hits alike.
 */
export function useListboxKeys(count: number, selectedIndex: number, select: (i: number) => void) {
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const next =
      event.key === 'ArrowDown'
        ? selectedIndex + 1
        : event.key === 'ArrowUp'
          ? selectedIndex - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? count - 1
              : null;
    if (next === null || count === 0) return;
    event.preventDefault();
    const index = Math.min(Math.max(next, 0), count - 1);
    select(index);
    ref.current?.querySelectorAll<HTMLElement>('[role="option"]')[index]?.focus();
  };
  return { ref, onKeyDown };
}

export interface ConversationListProps {
  items: readonly ConversationSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The clerk's conversations, newest activity first, with unread counts. ↑/↓ move and open. */
export function ConversationList({ items, selectedId, onSelect }: ConversationListProps) {
  const { t } = useTranslation();
  const styles = useListStyles();
  const format = useFormat();
  const selectedIndex = items.findIndex((item) => item.id === selectedId);
  const { ref: listRef, onKeyDown } = useListboxKeys(items.length, selectedIndex, (i) => {
    const item = items[i];
    if (item) onSelect(item.id);
  });
  const now = new Date();

  if (items.length === 0) {
    return <Text className={styles.empty}>{t('messages.list.empty')}</Text>;
  }
  return (
    <div
      ref={listRef}
      role="listbox"
      aria-label={t('messages.list.label')}
      className={styles.list}
      onKeyDown={onKeyDown}
      data-testid="conversation-list"
    >
      {items.map((item, i) => {
        const selected = item.id === selectedId;
        const prefix = lastMessagePrefix(item, t('messages.list.you'));
        const unread =
          item.unread >= UNREAD_CAP
            ? t('messages.list.unreadCapped', { count: UNREAD_CAP })
            : t('messages.list.unread', { count: item.unread });
        return (
          <div
            key={item.id}
            role="option"
            aria-selected={selected}
            tabIndex={selected || (selectedIndex === -1 && i === 0) ? 0 : -1}
            className={mergeClasses(styles.item, selected && styles.selected)}
            onClick={() => onSelect(item.id)}
            data-testid="conversation-item"
            data-conversation-id={item.id}
          >
            <span className={styles.icon} aria-label={t(`messages.kind.${item.kind}`)} role="img">
              {KIND_ICONS[item.kind]}
            </span>
            <Text
              className={mergeClasses(styles.title, item.unread > 0 && styles.unreadTitle)}
              title={item.title}
            >
              {item.title}
            </Text>
            <Text size={200} className={styles.stamp}>
              {format.stamp(item.lastMessage?.sentAt ?? item.activeAt, now)}
            </Text>
            <Text size={200} className={styles.excerpt}>
              {item.lastMessage
                ? `${prefix ? `${prefix}: ` : ''}${item.lastMessage.excerpt}`
                : t('messages.list.noMessages')}
            </Text>
            {item.unread > 0 ? (
              <CounterBadge
                count={item.unread}
                overflowCount={UNREAD_CAP}
                size="small"
                aria-label={unread}
                data-testid="conversation-unread"
              />
            ) : (
              <span />
            )}
          </div>
        );
      })}
    </div>
  );
}
