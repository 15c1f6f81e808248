import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { DecisionKind, DecisionReason } from '../../../shared/domain/decision';
import { useFormat } from '../../i18n/use-format';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  strong: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface ConfirmDecisionDialogProps {
  open: boolean;
  kind: DecisionKind;
  reasonCode: DecisionReason;
  fineCents: number;
  newAmountCents?: number | undefined;
  fileNumber: string;
  plate: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The one question before a final step. The confirm button comes first, so the dialog's initial
 * focus lands on it and Enter confirms (OK left of Cancel, as Windows dialogs have it); Esc or
 * "Zurück" goes back to the form with nothing sent.
 */
export function ConfirmDecisionDialog(props: ConfirmDecisionDialogProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const { kind } = props;
  return (
    <Dialog
      open={props.open}
      modalType="alert"
      onOpenChange={(_e, data) => {
        if (!data.open) props.onCancel();
      }}
    >
      <DialogSurface data-testid="decision-confirm" aria-describedby="decision-confirm-body">
        <DialogBody>
          <DialogTitle>{t('decision.confirm.title')}</DialogTitle>
          <DialogContent id="decision-confirm-body" className={styles.content}>
            <Text className={styles.muted}>
              {t('decision.confirm.case', { fileNumber: props.fileNumber, plate: props.plate })}
            </Text>
            <Text className={styles.strong}>
              {t(`decision.confirm.body.${kind}`, {
                fine: format.amount(props.fineCents),
                amount: format.amount(props.newAmountCents ?? 0),
              })}
            </Text>
            <Text>
              {t('decision.confirm.reason', { reason: t(`decision.reason.${props.reasonCode}`) })}
            </Text>
            <Text className={styles.muted}>{t('decision.confirm.final')}</Text>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={props.onConfirm}
              data-testid="decision-confirm-ok"
            >
              {t(`decision.confirm.confirm.${kind}`)}
            </Button>
            <Button appearance="secondary" onClick={props.onCancel}>
              {t('decision.confirm.cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
