import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Skeleton,
  SkeletonItem,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../shared/contract';
import type { CasePaneItem } from '../case-pane/CasePane';
import { openingIndex } from './message-format';
import { MessageRow } from './MessageRow';
import { useConversationPages } from './use-conversation-pages';

const ESTIMATED_ROW_HEIGHT = 72;
/** Within this many pixels of the end counts as "at the newest": new messages keep it in view. */
const STICK_TO_END_PX = 48;

const useStyles = makeStyles({
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflowY: 'auto',
    contain: 'strict',
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  inner: { position: 'relative', width: '100%' },
  item: { position: 'absolute', top: 0, left: 0, width: '100%' },
  notice: { margin: tokens.spacingVerticalS },
  empty: {
    display: 'block',
    padding: tokens.spacingVerticalL,
    color: tokens.colorNeutralForeground3,
  },
  placeholder: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
});

export interface MessageListProps {
  conversationId: string;
  title: string;
  /** Whether the clerk may write here: an empty conversation then invites the first message. */
  canPost: boolean;
  /** A searched-for message's position, shown in the middle and highlighted. */
  target: { position: number; messageId: string } | null;
  /** Messages on screen; the owner marks others' messages read. */
  onSeen: (messages: readonly MessageView[]) => void;
  onReply: (message: MessageView) => void;
  onAcknowledge: (message: MessageView) => void;
  onOpenCase: (item: CasePaneItem) => void;
}

/**
 * A conversation as a virtual list of positions, opened at the newest message (or at a search
 * hit). While the clerk is at the end, arriving messages scroll into view; scrolled up to read
 * older ones, the view stays where it is.
 */
export function MessageList({
  conversationId,
  title,
  canPost,
  target,
  onSeen,
  onReply,
  onAcknowledge,
  onOpenCase,
}: MessageListProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const conversation = useConversationPages(conversationId);
  const count = conversation.count ?? 0;

  // TanStack Virtual keeps its own state; the list re-renders on every scroll anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const start = virtualizer.range?.startIndex ?? 0;
  const end = virtualizer.range?.endIndex ?? -1;
  // Open at the newest message or the target, once the length is known.
  const opened = useRef<string | null>(null);
  // Where the opening scroll goes; until the rows in view reach it, they are the top of the list
  // the first render shows, whose page nobody asked to see.
  const goal = useRef<number | null>(null);
  const targetKey = target ? `${target.messageId}` : 'end';
  useLayoutEffect(() => {
    if (conversation.count === undefined || opened.current === targetKey) return;
    const index = openingIndex(count, target?.position ?? null);
    opened.current = targetKey;
    goal.current = index;
    if (index !== null) {
      virtualizer.scrollToIndex(index, { align: target ? 'center' : 'end' });
    }
  }, [conversation.count, count, target, targetKey, virtualizer]);

  const { onVisibleRangeChange } = conversation;
  useEffect(() => {
    if (count === 0) return;
    const aim = goal.current;
    if (aim !== null) {
      if (aim < start || aim > end) return;
      goal.current = null;
    }
    onVisibleRangeChange({ start, end: Math.max(end, start) }, count);
  }, [start, end, count, onVisibleRangeChange]);

  // Follow new messages while the clerk is at the end.
  const atEnd = useRef(true);
  const previousCount = useRef(count);
  useEffect(() => {
    const grew = count > previousCount.current;
    previousCount.current = count;
    if (grew && atEnd.current && opened.current !== null) {
      virtualizer.scrollToIndex(count - 1, { align: 'end' });
    }
  }, [count, virtualizer]);
  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    // Scrolled, by the opening or by the clerk: the rows in view are what is wanted from now on.
    goal.current = null;
    atEnd.current =
      element.scrollTop + element.clientHeight >= element.scrollHeight - STICK_TO_END_PX;
  };

  const shown: MessageView[] = [];
  for (let index = start; index <= end; index++) {
    const message = conversation.messageAt(index);
    if (message) shown.push(message);
  }
  const shownKey = shown.map((message) => message.id).join(',');
  const seen = useRef(onSeen);
  useEffect(() => {
    seen.current = onSeen;
  });
  useEffect(() => {
    if (shown.length > 0) seen.current(shown);
    // The ids say everything that matters about what is on screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownKey]);

  const onKeyDown = (event: KeyboardEvent) => {
    const element = scrollRef.current;
    if (!element) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      element.scrollBy({ top: event.key === 'ArrowDown' ? 40 : -40 });
    } else if (event.key === 'End' && event.ctrlKey && count > 0) {
      event.preventDefault();
      virtualizer.scrollToIndex(count - 1, { align: 'end' });
    } else if (event.key === 'Home' && event.ctrlKey && count > 0) {
      event.preventDefault();
      virtualizer.scrollToIndex(0, { align: 'start' });
    }
  };

  if (conversation.error && count === 0) {
    return (
      <MessageBar intent="error" className={styles.notice}>
        <MessageBarBody>{t('messages.view.error')}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={conversation.retry}>
            {t('messages.view.retry')}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }

  if (conversation.count === 0) {
    return (
      <Text className={styles.empty}>
        {canPost ? t('messages.view.empty') : t('messages.view.emptyReadOnly')}
      </Text>
    );
  }

  return (
    <div
      ref={scrollRef}
      className={styles.scroller}
      tabIndex={0}
      role="list"
      aria-label={t('messages.view.listLabel', { title })}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      data-testid="message-list"
      data-count={count}
    >
      <div className={styles.inner} style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const message = conversation.messageAt(item.index);
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              role="listitem"
              aria-setsize={count}
              aria-posinset={item.index + 1}
              className={styles.item}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {message ? (
                <MessageRow
                  message={message}
                  highlighted={message.id === target?.messageId}
                  onReply={onReply}
                  onAcknowledge={onAcknowledge}
                  onOpenCase={onOpenCase}
                />
              ) : (
                <Skeleton className={styles.placeholder} aria-label={t('messages.view.loadingRow')}>
                  <SkeletonItem size={12} />
                  <SkeletonItem size={16} />
                </Skeleton>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
