import {
  Badge,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCancelDispatch, useDispatchDetail } from '../../api/use-dispatch';
import { useFormat } from '../../i18n/use-format';
import { headlineOf, summaryLine } from './summary';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    overflowY: 'auto',
    minHeight: 0,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  headline: { margin: 0, fontSize: tokens.fontSizeBase500 },
  meta: { color: tokens.colorNeutralForeground3 },
  body: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  bars: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontSize: tokens.fontSizeBase200,
    '& th': {
      textAlign: 'left',
      fontWeight: tokens.fontWeightSemibold,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      position: 'sticky',
      top: 0,
      backgroundColor: tokens.colorNeutralBackground1,
    },
    '& td': {
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    },
  },
  open: { color: tokens.colorPaletteRedForeground1 },
  tableHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalL },
});

/** One dispatch: what went out, to whom, and each recipient's receipt, live. */
export function DispatchDetailView({ dispatchId }: { dispatchId: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const detail = useDispatchDetail(dispatchId);
  const cancel = useCancelDispatch();
  const [onlyOpen, setOnlyOpen] = useState(false);

  if (detail.isPending) return <Spinner size="tiny" />;
  if (!detail.data) return <Text className={styles.meta}>{t('dispatch.loadError')}</Text>;
  const { summary, body, recipients } = detail.data;
  const headline = headlineOf(summary.counts, summary.ackRequested);
  const complete =
    summary.ackRequested &&
    summary.counts.recipients > 0 &&
    summary.counts.acknowledged === summary.counts.recipients;
  const shown = onlyOpen ? recipients.filter((r) => r.acknowledgedAt === null) : recipients;
  const now = new Date();
  const bar = (key: 'delivered' | 'read' | 'acknowledged') => (
    <Field
      label={`${t(`dispatch.detail.${key}`)}: ${summary.counts[key]} / ${summary.counts.recipients}`}
      validationState="none"
    >
      <ProgressBar
        value={
          summary.counts.recipients === 0 ? 0 : summary.counts[key] / summary.counts.recipients
        }
        color={key === 'acknowledged' && complete ? 'success' : 'brand'}
      />
    </Field>
  );

  return (
    <section
      className={styles.root}
      aria-labelledby="dispatch-headline"
      data-testid="dispatch-detail"
    >
      <div className={styles.head}>
        <h2 id="dispatch-headline" className={styles.headline} data-testid="dispatch-summary">
          {summaryLine(summary, t)}
        </h2>
        {summary.priority !== 'normal' && (
          <Badge appearance="tint" color={summary.priority === 'urgent' ? 'danger' : 'warning'}>
            {t(`messages.message.priority.${summary.priority}`)}
          </Badge>
        )}
        {summary.status === 'scheduled' && !summary.pending && (
          <Button
            size="small"
            onClick={() => cancel.mutate({ dispatchId: summary.id })}
            disabled={cancel.isPending}
            data-testid="dispatch-cancel"
          >
            {t('dispatch.detail.cancel')}
          </Button>
        )}
      </div>
      {complete && (
        <MessageBar intent="success" data-testid="dispatch-complete">
          <MessageBarBody>{t('dispatch.summary.complete')}</MessageBarBody>
        </MessageBar>
      )}
      {summary.status === 'cancelled' && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('dispatch.detail.cancelled')}</MessageBarBody>
        </MessageBar>
      )}
      <Text className={styles.meta}>
        {[
          t('dispatch.detail.to', { targets: summary.targets.join(', ') }),
          summary.pending
            ? t('dispatch.status.pending')
            : summary.status === 'scheduled'
              ? t('dispatch.status.scheduled', { time: format.dateTime(summary.sendAt) })
              : summary.status === 'sent'
                ? t('dispatch.status.sent', { time: format.dateTime(summary.sentAt) })
                : null,
          summary.remindAfterMinutes !== null
            ? summary.remindedAt
              ? t('dispatch.detail.reminded', { time: format.stamp(summary.remindedAt, now) })
              : t('dispatch.detail.reminder', { minutes: summary.remindAfterMinutes })
            : null,
        ]
          .filter((part): part is string => part !== null)
          .join(' · ')}
      </Text>
      <Text className={styles.body}>{body}</Text>
      {headline.key !== 'noRecipients' && (
        <div className={styles.bars}>
          {bar('delivered')}
          {bar('read')}
          {summary.ackRequested && bar('acknowledged')}
        </div>
      )}
      {recipients.length > 0 && (
        <>
          <div className={styles.tableHead}>
            <Text weight="semibold">{t('dispatch.detail.recipients')}</Text>
            {summary.ackRequested && (
              <Switch
                checked={onlyOpen}
                onChange={(_event, data) => setOnlyOpen(data.checked)}
                label={t('dispatch.detail.onlyOpen')}
              />
            )}
          </div>
          <table className={styles.table} data-testid="dispatch-recipients">
            <thead>
              <tr>
                <th scope="col">{t('dispatch.detail.name')}</th>
                <th scope="col">{t('dispatch.detail.team')}</th>
                <th scope="col">{t('dispatch.detail.delivered')}</th>
                <th scope="col">{t('dispatch.detail.read')}</th>
                {summary.ackRequested && <th scope="col">{t('dispatch.detail.acknowledged')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.userId} data-testid="dispatch-recipient">
                  <td>{r.name}</td>
                  <td>{r.teamName ?? '–'}</td>
                  <td>{format.stamp(r.deliveredAt, now)}</td>
                  <td>{format.stamp(r.readAt, now)}</td>
                  {summary.ackRequested && (
                    <td className={r.acknowledgedAt ? undefined : styles.open}>
                      {format.stamp(r.acknowledgedAt, now)}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
