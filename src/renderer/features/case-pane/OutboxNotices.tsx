import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { OutboxItem } from '../../../shared/contract/work-calls';
import { useResolveOutbox } from '../../api/use-work';
import { outboxReason } from './outbox-reason';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  pendingBody: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** What each kind of work is called in a notice ("Entscheidung wird gesendet …"). */
function useKindLabel() {
  const { t } = useTranslation();
  return (item: OutboxItem) => t(`casePane.outbox.kind.${item.kind}`);
}

/**
 * `retryable`: whether sending the same work again can succeed; a claim or decision on a case that
 * no longer waits for a decision cannot, so only "Verwerfen" is offered there.
 */
function Notice({ item, retryable }: { item: OutboxItem; retryable: boolean }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const kindLabel = useKindLabel();
  const resolve = useResolveOutbox();
  const kind = kindLabel(item);
  if (item.state === 'pending' || item.state === 'pushing') {
    return (
      <MessageBar intent="info" data-testid="outbox-pending" data-kind={item.kind}>
        <MessageBarBody className={styles.pendingBody}>
          <Spinner size="extra-tiny" aria-hidden />
          {item.lastError
            ? t('casePane.outbox.pendingOffline', { kind })
            : t('casePane.outbox.pending', { kind })}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const rejected = item.state === 'rejected';
  const reason = outboxReason(t, item);
  return (
    <MessageBar
      intent={rejected ? 'error' : 'warning'}
      layout="multiline"
      data-testid={rejected ? 'outbox-rejected' : 'outbox-conflict'}
      data-kind={item.kind}
    >
      <MessageBarBody>
        <MessageBarTitle>
          {rejected
            ? t('casePane.outbox.rejected', { kind })
            : t('casePane.outbox.conflict', { kind })}
        </MessageBarTitle>
        {reason ? t('casePane.outbox.reason', { reason }) : null}
        {resolve.isError && (
          <div role="alert">{t('casePane.outbox.failed', { error: resolve.error.message })}</div>
        )}
      </MessageBarBody>
      <MessageBarActions>
        {retryable && (
          <Button
            size="small"
            disabled={resolve.isPending}
            onClick={() => resolve.mutate({ id: item.id, action: 'retry', caseId: item.caseId })}
          >
            {t('casePane.outbox.retry')}
          </Button>
        )}
        <Button
          size="small"
          disabled={resolve.isPending}
          onClick={() => resolve.mutate({ id: item.id, action: 'discard', caseId: item.caseId })}
        >
          {t('casePane.outbox.discard')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/**
 * This console's unfinished work on the case: what is still being sent, and what the server
 * refused, with its reason. A decision on its way is shown by the decision panel, a conflicting
 * one by its own view (ConflictView).
 */
export function OutboxNotices({
  items,
  caseDecidable,
}: {
  items: readonly OutboxItem[];
  /** The case still waits for a decision: claims and decisions on it may be sent again. */
  caseDecidable: boolean;
}) {
  const styles = useStyles();
  const shown = items.filter(
    (item) => item.state !== 'applied' && !(item.kind === 'decision' && item.state !== 'rejected'),
  );
  if (shown.length === 0) return null;
  return (
    <div className={styles.root} aria-live="polite">
      {shown.map((item) => (
        <Notice
          key={item.id}
          item={item}
          retryable={item.caseId === null || item.kind === 'message' || caseDecidable}
        />
      ))}
    </div>
  );
}
