import {
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, MessageView } from '../../../shared/contract';
import { MARK_MANY_MAX } from '../../../shared/contract/work-calls';
import { useMarkMessage, useMarkMessages } from '../../api/use-messages';
import { usePanelStyles } from '../../components/panel-styles';
import type { CasePaneItem } from '../case-pane/CasePane';
import { Composer } from './Composer';
import { KIND_ICONS } from './ConversationList';
import { owesReceipt } from './message-format';
import { MessageList } from './MessageList';

/** Messages that come into view within this long are marked read together. */
const MARK_DELAY_MS = 250;

const useStyles = makeStyles({
  root: { minWidth: 0, flexGrow: 1 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  icon: { color: tokens.colorNeutralForeground3, fontSize: '20px', display: 'flex' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground3 },
  readOnly: { margin: tokens.spacingVerticalS },
});

export interface ConversationViewProps {
  conversation: ConversationSummary;
  /** False while the messages area is hidden: nothing on screen is being read then. */
  active: boolean;
  target: { position: number; messageId: string } | null;
  onOpenCase: (item: CasePaneItem) => void;
}

/** One conversation: who is in it, its messages, and the composer (unless the clerk may not post). */
export function ConversationView({
  conversation,
  active,
  target,
  onOpenCase,
}: ConversationViewProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const panel = usePanelStyles();
  const [replyTo, setReplyTo] = useState<MessageView | null>(null);
  const inputRef = useRef<HTMLTextAreaElement | null>(null);
  const mark = useMarkMessage();
  const { mutate } = mark;
  const { mutate: markMany } = useMarkMessages();

  // Each message is marked read once per view, when it has been on screen; those that show up
  // together go in one call (one transaction, one refresh).
  const marked = useRef(new Set<string>());
  const toMark = useRef<string[]>([]);
  const flushTimer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (flushTimer.current !== null) window.clearTimeout(flushTimer.current);
    },
    [],
  );
  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
  }, [active]);
  const onSeen = useCallback(
    (messages: readonly MessageView[]) => {
      if (!activeRef.current || document.visibilityState !== 'visible') return;
      for (const message of messages) {
        if (!owesReceipt(message).read || marked.current.has(message.id)) continue;
        marked.current.add(message.id);
        toMark.current.push(message.id);
      }
      if (toMark.current.length === 0 || flushTimer.current !== null) return;
      flushTimer.current = window.setTimeout(() => {
        flushTimer.current = null;
        const messageIds = toMark.current.splice(0, MARK_MANY_MAX);
        if (messageIds.length > 0) markMany({ messageIds, state: 'read' });
      }, MARK_DELAY_MS);
    },
    [markMany],
  );
  const onReply = useCallback((message: MessageView) => {
    setReplyTo(message);
    inputRef.current?.focus();
  }, []);
  const onAcknowledge = useCallback(
    (message: MessageView) => mutate({ messageId: message.id, state: 'acknowledged' }),
    [mutate],
  );

  const details = [
    t(`messages.kind.${conversation.kind}`),
    conversation.teamName,
    conversation.kind === 'direct'
      ? null
      : t('messages.view.members', { count: conversation.memberCount }),
  ].filter((part): part is string => !!part);

  return (
    <section
      className={mergeClasses(panel.panel, styles.root)}
      aria-labelledby="conversation-title"
      data-testid="conversation"
    >
      <div className={styles.header}>
        <span className={styles.icon} aria-hidden>
          {KIND_ICONS[conversation.kind]}
        </span>
        <h2 id="conversation-title" className={styles.title}>
          {conversation.title}
        </h2>
        <Text size={200} className={styles.meta}>
          {details.join(' · ')}
        </Text>
      </div>
      <MessageList
        conversationId={conversation.id}
        title={conversation.title}
        canPost={conversation.canPost}
        target={target}
        onSeen={onSeen}
        onReply={onReply}
        onAcknowledge={onAcknowledge}
        onOpenCase={onOpenCase}
      />
      {conversation.canPost ? (
        <Composer
          conversationId={conversation.id}
          title={conversation.title}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onSent={() => setReplyTo(null)}
          inputRef={inputRef}
        />
      ) : (
        <MessageBar intent="info" className={styles.readOnly} data-testid="channel-read-only">
          <MessageBarBody>{t('messages.view.readOnly')}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
