import {
  Badge,
  Button,
  Link,
  makeStyles,
  mergeClasses,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowReplyRegular, CheckmarkRegular } from '@fluentui/react-icons';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../shared/contract';
import { casePhotoUrl } from '../../api/use-case-photos';
import { useFormat } from '../../i18n/use-format';
import type { CasePaneItem } from '../case-pane/CasePane';
import { deliveryLabel, owesReceipt } from './message-format';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderLeft: `3px solid transparent`,
  },
  mine: { backgroundColor: tokens.colorNeutralBackground2 },
  urgent: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  high: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
  highlight: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  head: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  sender: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground3 },
  spacer: { flexGrow: 1 },
  body: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  quote: {
    borderLeft: `2px solid ${tokens.colorNeutralStroke1}`,
    paddingInlineStart: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  photos: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  photo: {
    width: '64px',
    height: '48px',
    objectFit: 'cover',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  foot: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minHeight: '20px',
  },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

export interface MessageRowProps {
  message: MessageView;
  highlighted: boolean;
  onReply: (message: MessageView) => void;
  onAcknowledge: (message: MessageView) => void;
  onOpenCase: (item: CasePaneItem) => void;
}

/** One message: who and when, what it answers, the text, its case and photos, and its state. */
export const MessageRow = memo(function MessageRow({
  message,
  highlighted,
  onReply,
  onAcknowledge,
  onOpenCase,
}: MessageRowProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const owes = owesReceipt(message);
  const label = message.delivery ? deliveryLabel(message.delivery, message.ackRequested) : null;
  const ref = message.case;

  return (
    <div
      className={mergeClasses(
        styles.row,
        message.mine && styles.mine,
        message.priority === 'urgent' && styles.urgent,
        message.priority === 'high' && styles.high,
        highlighted && styles.highlight,
      )}
      data-testid="message"
      data-message-id={message.id}
    >
      <div className={styles.head}>
        <Text size={200} className={styles.sender}>
          {message.mine ? t('messages.list.you') : message.senderName}
        </Text>
        <Text size={200} className={styles.meta}>
          {format.dateTime(message.sentAt)}
        </Text>
        {message.priority !== 'normal' && (
          <Badge
            size="small"
            appearance="tint"
            color={message.priority === 'urgent' ? 'danger' : 'warning'}
          >
            {t(`messages.message.priority.${message.priority}`)}
          </Badge>
        )}
        {message.ackRequested && (
          <Badge size="small" appearance="outline" color="informative">
            {t('messages.message.ackRequested')}
          </Badge>
        )}
        <span className={styles.spacer} />
        <Button
          size="small"
          appearance="subtle"
          icon={<ArrowReplyRegular />}
          onClick={() => onReply(message)}
          aria-label={t('messages.message.replyTo', { name: message.senderName })}
        >
          {t('messages.message.reply')}
        </Button>
      </div>
      {message.replyTo && (
        <Text size={200} className={styles.quote}>
          {`${message.replyTo.senderName}: ${message.replyTo.excerpt}`}
        </Text>
      )}
      <Text className={styles.body}>{message.body}</Text>
      {ref && (
        <div>
          {ref.fileNumber ? (
            <Link
              onClick={() =>
                onOpenCase({ id: ref.id, fileNumber: ref.fileNumber ?? '', plate: ref.plate ?? '' })
              }
              aria-label={t('messages.message.openCase', { fileNumber: ref.fileNumber })}
              data-testid="message-case"
            >
              {`${t('messages.message.case', { fileNumber: ref.fileNumber })}${ref.plate ? ` · ${ref.plate}` : ''}`}
            </Link>
          ) : (
            <Text size={200} className={styles.meta}>
              {t('messages.message.caseUnknown')}
            </Text>
          )}
        </div>
      )}
      {message.photoSha256s.length > 0 && (
        <div className={styles.photos}>
          {message.photoSha256s.map((sha) => (
            <img
              key={sha}
              className={styles.photo}
              src={casePhotoUrl(sha, 'thumb')}
              alt={t('messages.message.photos', { count: 1 })}
              loading="lazy"
            />
          ))}
        </div>
      )}
      {(label || owes.acknowledge || (message.ackRequested && !message.mine)) && (
        <div className={styles.foot}>
          {label && (
            <Text
              size={200}
              className={mergeClasses(
                styles.meta,
                (label.key === 'rejected' || label.key === 'conflict') && styles.failed,
              )}
              data-testid="message-delivery"
              data-state={label.key}
            >
              {'count' in label
                ? t(`messages.message.delivery.${label.key}`, {
                    count: label.count,
                    total: label.total,
                  })
                : t(`messages.message.delivery.${label.key}`)}
            </Text>
          )}
          {owes.acknowledge ? (
            <Button
              size="small"
              appearance="primary"
              icon={<CheckmarkRegular />}
              onClick={() => onAcknowledge(message)}
              data-testid="message-acknowledge"
            >
              {t('messages.message.acknowledge')}
            </Button>
          ) : (
            message.ackRequested &&
            !message.mine && (
              <Text size={200} className={styles.meta}>
                {t('messages.message.acknowledged')}
              </Text>
            )
          )}
        </div>
      )}
    </div>
  );
});
