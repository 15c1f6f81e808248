import {
  Button,
  Field,
  makeStyles,
  Text,
  Textarea,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import { DismissRegular, SendRegular } from '@fluentui/react-icons';
import { type FormEvent, type KeyboardEvent, type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../shared/contract';
import { MESSAGE_BODY_MAX } from '../../../shared/domain/conversation';
import { useSendToConversation } from '../../api/use-messages';
import { useSyncStatus } from '../../api/use-sync-status';
import { checkDraft } from './message-format';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  reply: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    borderLeft: `2px solid ${tokens.colorBrandStroke1}`,
    paddingInlineStart: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
  replyText: { flexGrow: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  field: { flexGrow: 1 },
  hint: { color: tokens.colorNeutralForeground3 },
  foot: { display: 'flex', gap: tokens.spacingHorizontalM, justifyContent: 'space-between' },
});

// Drafts outlive switching conversations (per window, not saved): a half-written question to an
// officer is not lost by looking something up in another conversation.
const drafts = new Map<string, string>();

export interface ComposerProps {
  conversationId: string;
  title: string;
  replyTo: MessageView | null;
  onCancelReply: () => void;
  /** After the message is recorded locally (it is pushed from the outbox). */
  onSent: () => void;
  inputRef?: RefObject<HTMLTextAreaElement | null>;
}

/**
 * Writes into the conversation: Enter sends, Shift+Enter breaks the line. The message is stored
 * with its outbox entry at once, so it is safe offline and shows as pending until the server has
 * it.
 */
export function Composer({
  conversationId,
  title,
  replyTo,
  onCancelReply,
  onSent,
  inputRef,
}: ComposerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [body, setBodyState] = useState(() => drafts.get(conversationId) ?? '');
  const setBody = (value: string) => {
    setBodyState(value);
    if (value === '') drafts.delete(conversationId);
    else drafts.set(conversationId, value);
  };
  const send = useSendToConversation();
  const offline = useSyncStatus().data?.state === 'offline';
  const check = checkDraft(body);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!check.sendable || send.isPending) return;
    send.mutate(
      {
        conversationId,
        body: body.trim(),
        ...(replyTo ? { replyToId: replyTo.id } : {}),
      },
      {
        onSuccess: () => {
          setBody('');
          onSent();
        },
      },
    );
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && replyTo) {
      event.preventDefault();
      onCancelReply();
    }
  };

  return (
    <form className={styles.root} onSubmit={submit} data-testid="composer">
      {replyTo && (
        <div className={styles.reply} data-testid="composer-reply">
          <Text size={200} className={styles.replyText}>
            {`${t('messages.message.replyTo', { name: replyTo.senderName })}: ${replyTo.body}`}
          </Text>
          <Tooltip content={t('messages.composer.cancelReply')} relationship="label">
            <Button
              size="small"
              appearance="subtle"
              icon={<DismissRegular />}
              onClick={onCancelReply}
            />
          </Tooltip>
        </div>
      )}
      <div className={styles.row}>
        <Field
          className={styles.field}
          label={{ children: t('messages.composer.label'), className: styles.hint }}
          size="small"
          validationState={check.tooLong || send.isError ? 'error' : 'none'}
          validationMessage={
            check.tooLong
              ? t('messages.composer.tooLong', { max: MESSAGE_BODY_MAX })
              : send.isError
                ? t('messages.composer.failed', { error: send.error.message })
                : undefined
          }
        >
          <Textarea
            ref={inputRef}
            value={body}
            onChange={(_event, data) => setBody(data.value)}
            onKeyDown={onKeyDown}
            placeholder={t('messages.composer.placeholder', { title })}
            rows={2}
            resize="vertical"
            data-testid="composer-input"
          />
        </Field>
        <Button
          type="submit"
          appearance="primary"
          icon={<SendRegular />}
          disabled={!check.sendable || send.isPending}
          data-testid="composer-send"
        >
          {t('messages.composer.send')}
        </Button>
      </div>
      <div className={styles.foot}>
        <Text size={200} className={styles.hint}>
          {offline ? t('messages.composer.offline') : t('messages.composer.hint')}
        </Text>
        {check.showCounter && (
          <Text size={200} className={styles.hint} aria-live="polite">
            {t('messages.composer.counter', { count: check.length, max: MESSAGE_BODY_MAX })}
          </Text>
        )}
      </div>
    </form>
  );
}
