import { Button, Link, makeStyles, Text, tokens, Tooltip } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractError, type CaseDetail, type CaseListItem } from '../../../shared/contract';
import type { OutboxItem } from '../../../shared/contract/work-calls';
import { useRecordView } from '../../api/use-audit';
import { useCaseDetail, useCaseOutbox } from '../../api/use-case-detail';
import { useSyncStatus } from '../../api/use-sync-status';
import { useNavigation } from '../../components/navigation';
import { ConflictView } from '../decision/ConflictView';
import { DecisionPanel } from '../decision/DecisionPanel';
import { PhotoStrip } from '../photos/PhotoStrip';
import { CaseFields } from './CaseFields';
import { CaseStatements, CaseTimeline, SamePlateList } from './CaseSections';
import { CasePaneError, CasePaneLoading } from './CasePaneStates';
import { ClaimBar } from './ClaimBar';
import { MessageOfficerDialog } from './MessageOfficerDialog';
import { OutboxNotices } from './OutboxNotices';
import { caseWork } from './case-work';

const useStyles = makeStyles({
  pane: {
    // Wide enough for the decision form's two radio columns and German labels on one line.
    width: '480px',
    flexShrink: 0,
    minHeight: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
  },
  hint: { color: tokens.colorNeutralForeground3, marginLeft: 'auto' },
  sent: { color: tokens.colorPaletteGreenForeground1 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** What opens a case: a queue row, or a message's case reference (which knows less). */
export type CasePaneItem = Pick<CaseListItem, 'id' | 'fileNumber'> &
  Partial<Pick<CaseListItem, 'plate' | 'offenceText'>>;

export interface CasePaneProps {
  item: CasePaneItem;
  onClose: () => void;
  /** After a decision: the queue moves on to the next case. */
  onNext?: () => void;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h3 id={id} className={styles.heading}>
        {title}
      </h3>
      {children}
    </section>
  );
}

/** The selected case beside the grid: every fact, the statement, photos, and the decision. */
export function CasePane({ item, onClose, onNext }: CasePaneProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const titleId = `case-pane-title-${item.id}`;
  const detail = useCaseDetail(item.id);
  // A failed refresh keeps showing what was loaded; only a case gone from the copy replaces it.
  const gone = detail.error instanceof ContractError && detail.error.code === 'not_found';

  return (
    <aside className={styles.pane} aria-labelledby={titleId} data-testid="case-pane">
      <div className={styles.header}>
        <h2 id={titleId} className={styles.title}>
          {t('casePane.label', { fileNumber: item.fileNumber })}
        </h2>
        <Text size={200} className={styles.hint} aria-hidden>
          {t('casePane.closeHint')}
        </Text>
        <Tooltip content={t('casePane.close')} relationship="label" withArrow>
          <Button appearance="subtle" icon={<DismissRegular />} onClick={onClose} />
        </Tooltip>
      </div>
      {detail.isPending ? (
        <CasePaneLoading item={item} />
      ) : detail.data && !gone ? (
        <CaseBody key={item.id} detail={detail.data} titleId={titleId} onNext={onNext} />
      ) : (
        <CasePaneError error={detail.error} onRetry={() => void detail.refetch()} />
      )}
    </aside>
  );
}

function CaseBody({
  detail,
  titleId,
  onNext,
}: {
  detail: CaseDetail;
  titleId: string;
  onNext: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const c = detail.case;
  // Shown, not merely prefetched: this is what the audit trail records as opened.
  useRecordView(c.id);
  const outbox = useCaseOutbox(c.id);
  const sync = useSyncStatus();
  const [messaging, setMessaging] = useState(false);
  // Confirms a sent message until the clerk moves on; the timeline shows it too, once stored.
  const [messageSent, setMessageSent] = useState<OutboxItem | null>(null);
  const navigation = useNavigation();
  const items: readonly OutboxItem[] = outbox.data?.items ?? detail.outbox;
  const work = caseWork(detail, items);
  const offline = sync.data?.state === 'offline' || sync.data?.state === 'error';
  const officerName = detail.officer.name ?? detail.officer.id;

  return (
    <>
      <ClaimBar caseId={c.id} claim={detail.claim} decidable={work.statusDecidable} />
      <OutboxNotices items={items} caseDecidable={work.statusDecidable} />
      {work.conflict && (
        <ConflictView item={work.conflict} detail={detail} moot={work.refusedClaims} />
      )}
      <CaseFields detail={detail} onMessageOfficer={() => setMessaging(true)} />
      {messageSent && (
        <Text role="status" className={styles.sent} data-testid="message-officer-sent">
          {t('casePane.message.sent', { name: officerName })}
          {navigation && messageSent.conversationId && (
            <>
              {' '}
              <Link
                onClick={() => navigation.openConversation(messageSent.conversationId)}
                data-testid="message-officer-open"
              >
                {t('casePane.message.openConversation')}
              </Link>
            </>
          )}
        </Text>
      )}
      <Section id={`${titleId}-statements`} title={t('casePane.statements.heading')}>
        <CaseStatements disputes={detail.disputes} />
      </Section>
      <Section id={`${titleId}-photos`} title={t('casePane.photosHeading')}>
        <PhotoStrip key={c.id} caseId={c.id} />
      </Section>
      <DecisionPanel
        key={c.id}
        detail={detail}
        decidable={work.decidable}
        pending={work.pending}
        blockedBy={detail.claim && !detail.claim.mine ? detail.claim.clerkName : null}
        offline={offline}
        onDecided={() => onNext?.()}
      />
      <Section id={`${titleId}-same-plate`} title={t('casePane.samePlate.heading')}>
        <SamePlateList cases={detail.samePlate} />
      </Section>
      <Section id={`${titleId}-timeline`} title={t('casePane.timeline.heading')}>
        <CaseTimeline entries={detail.timeline} />
      </Section>
      <MessageOfficerDialog
        open={messaging}
        officer={{ id: detail.officer.id, name: officerName }}
        caseId={c.id}
        fileNumber={c.fileNumber}
        onClose={(sent) => {
          setMessaging(false);
          setMessageSent(sent);
        }}
      />
    </>
  );
}
