import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_BODY_MAX } from '../../../shared/domain/conversation';
import { useSendMessage } from '../../api/use-work';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface MessageOfficerDialogProps {
  open: boolean;
  officer: { id: string; name: string };
  caseId: string;
  fileNumber: string;
  onClose: (sent: boolean) => void;
}

/**
 * A short message to the officer, linked to the case (messages.send with the case's id). It is
 * queued like every write: sent at once when online, later when not.
 */
export function MessageOfficerDialog({
  open,
  officer,
  caseId,
  fileNumber,
  onClose,
}: MessageOfficerDialogProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [body, setBody] = useState('');
  const [touched, setTouched] = useState(false);
  const send = useSendMessage();
  const empty = body.trim() === '';

  const close = (sent: boolean) => {
    setBody('');
    setTouched(false);
    send.reset();
    onClose(sent);
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (empty || send.isPending) return;
    send.mutate(
      { toUserId: officer.id, caseId, body: body.trim() },
      { onSuccess: () => close(true) },
    );
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && close(false)}>
      <DialogSurface aria-describedby="message-officer-ref" data-testid="message-officer-dialog">
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{t('casePane.message.title', { name: officer.name })}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text id="message-officer-ref" className={styles.hint}>
                {t('casePane.message.caseRef', { fileNumber })}
              </Text>
              <Field
                label={t('casePane.message.label')}
                required
                hint={t('casePane.message.sendHint')}
                validationState={touched && empty ? 'error' : send.isError ? 'error' : 'none'}
                validationMessage={
                  touched && empty
                    ? t('casePane.message.required')
                    : send.isError
                      ? t('casePane.message.failed', { error: send.error.message })
                      : undefined
                }
              >
                <Textarea
                  value={body}
                  onChange={(_e, data) => setBody(data.value)}
                  onKeyDown={onKeyDown}
                  placeholder={t('casePane.message.placeholder')}
                  maxLength={MESSAGE_BODY_MAX}
                  resize="vertical"
                  rows={5}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={send.isPending}>
                {t('casePane.message.send')}
              </Button>
              <Button appearance="secondary" onClick={() => close(false)}>
                {t('casePane.message.cancel')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
