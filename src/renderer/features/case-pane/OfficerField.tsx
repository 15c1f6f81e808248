import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ChatRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/contract';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '2px' },
  team: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  action: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
});

/** Who recorded the case, their team, and the way to ask them about it. */
export function OfficerField({
  officer,
  onMessage,
}: {
  officer: CaseDetail['officer'];
  onMessage: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <span className={styles.root}>
      <span>{officer.name ?? t('casePane.unknownOfficer', { id: officer.id })}</span>
      <span className={styles.team}>{officer.team?.name ?? t('casePane.noTeam')}</span>
      <Button
        className={styles.action}
        appearance="subtle"
        size="small"
        icon={<ChatRegular />}
        onClick={onMessage}
        data-testid="message-officer"
      >
        {t('casePane.messageOfficer')}
      </Button>
    </span>
  );
}
