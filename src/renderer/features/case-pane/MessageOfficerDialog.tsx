import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  shorthands,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItem } from '../../../shared/contract/work-calls';
import { MESSAGE_BODY_MAX, MESSAGE_PHOTOS_MAX } from '../../../shared/domain/conversation';
import { casePhotoUrl, useCasePhotos } from '../../api/use-case-photos';
import { useSendMessage } from '../../api/use-work';
import { thumbVariant } from '../photos/photo-format';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
  photos: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    ...shorthands.borderStyle('none'),
    margin: 0,
    padding: 0,
  },
  photo: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  thumb: {
    width: '64px',
    height: '48px',
    objectFit: 'cover',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

export interface MessageOfficerDialogProps {
  open: boolean;
  officer: { id: string; name: string };
  caseId: string;
  fileNumber: string;
  /** With the recorded message when it was sent, null when cancelled. */
  onClose: (sent: OutboxItem | null) => void;
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
  const [attached, setAttached] = useState<readonly string[]>([]);
  const send = useSendMessage();
  const empty = body.trim() === '';

  const close = (sent: OutboxItem | null) => {
    setBody('');
    setTouched(false);
    setAttached([]);
    send.reset();
    onClose(sent);
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (empty || send.isPending) return;
    send.mutate(
      { toUserId: officer.id, caseId, body: body.trim(), photoSha256s: [...attached] },
      { onSuccess: (item) => close(item) },
    );
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && close(null)}>
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
              <PhotoPicker caseId={caseId} attached={attached} onChange={setAttached} />
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={send.isPending}>
                {t('casePane.message.send')}
              </Button>
              <Button appearance="secondary" onClick={() => close(null)}>
                {t('casePane.message.cancel')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * The case's photos to attach, rendered only while the dialog is open. Only verified photos: what
 * the officer gets is what the clerk saw.
 */
function PhotoPicker({
  caseId,
  attached,
  onChange,
}: {
  caseId: string;
  attached: readonly string[];
  onChange: (next: readonly string[]) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const photos = (useCasePhotos(caseId).data?.photos ?? []).filter(
    (photo) => photo.verified && thumbVariant(photo) !== null,
  );
  if (photos.length === 0) return null;
  return (
    <fieldset className={styles.photos} data-testid="message-officer-photos">
      <legend className={styles.hint}>
        {t('casePane.message.photos', { max: MESSAGE_PHOTOS_MAX })}
      </legend>
      {photos.map((photo, index) => {
        const variant = thumbVariant(photo);
        const checked = attached.includes(photo.sha256);
        return (
          <label key={photo.sha256} className={styles.photo}>
            <Checkbox
              checked={checked}
              disabled={!checked && attached.length >= MESSAGE_PHOTOS_MAX}
              onChange={(_event, data) =>
                onChange(
                  data.checked
                    ? [...attached, photo.sha256]
                    : attached.filter((sha) => sha !== photo.sha256),
                )
              }
              aria-label={t('casePane.message.photo', { number: index + 1 })}
            />
            {variant && (
              <img className={styles.thumb} src={casePhotoUrl(photo.sha256, variant)} alt="" />
            )}
          </label>
        );
      })}
    </fieldset>
  );
}
