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
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import { LockClosedRegular } from '@fluentui/react-icons';
import { type FormEvent, type ReactElement, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IDLE_LOCK_MAX_MINUTES,
  PHOTO_CACHE_MAX_MB,
  PHOTO_CACHE_MIN_MB,
  SETTINGS_LANGUAGES,
  type SettingsView,
} from '../../../shared/contract';
import {
  useExportDiagnostics,
  useRestart,
  useSettings,
  useUpdateSettings,
} from '../../api/use-settings';
import { LanguageOptions } from '../../components/LanguageSwitch';
import { changeLanguage } from '../../i18n';
import { type DraftErrors, draftFrom, patchFrom, type SettingsDraft } from './settings-draft';

const useStyles = makeStyles({
  surface: { width: '680px', maxWidth: 'calc(100vw - 32px)' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxHeight: 'calc(100vh - 220px)',
    overflowY: 'auto',
    paddingRight: tokens.spacingHorizontalS,
    // A scrolling column must not squeeze its message bars onto the fields below them.
    '& > *': { flexShrink: 0 },
  },
  issueList: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  section: {
    display: 'grid',
    gridTemplateColumns: '1fr',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    border: 'none',
  },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  pair: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  number: { maxWidth: '160px' },
  fixed: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
  },
  fixedValue: { margin: 0, fontWeight: tokens.fontWeightSemibold, textAlign: 'right' },
  fixedLabel: { margin: 0 },
  lockNote: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
  },
  muted: { color: tokens.colorNeutralForeground3, wordBreak: 'break-all' },
  support: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

export interface SettingsDialogProps {
  onClose: () => void;
  /** Start the diagnostics export as the dialog opens (the menu's "Diagnose exportieren"). */
  exportOnOpen?: boolean;
}

/**
 * The clerk's settings; what the administrator fixed is shown, locked, with the reason. Mounted
 * per opening, so the form starts from what is saved, never from an abandoned draft.
 */
export function SettingsDialog({ onClose, exportOnOpen = false }: SettingsDialogProps) {
  const settings = useSettings();
  if (!settings.data) return null;
  return (
    <Dialog open onOpenChange={(_event, data) => !data.open && onClose()}>
      <SettingsForm view={settings.data} exportOnOpen={exportOnOpen} onClose={onClose} />
    </Dialog>
  );
}

function SettingsForm({
  view,
  exportOnOpen,
  onClose,
}: {
  view: SettingsView;
  exportOnOpen: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const update = useUpdateSettings();
  const restart = useRestart();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(view.saved));
  const [shownErrors, setShownErrors] = useState<DraftErrors>({});
  const [savedOnce, setSavedOnce] = useState(false);
  const locked = view.locked;
  const isLocked = (key: string) => locked.includes(key);
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setShownErrors((current) => ({ ...current, [key]: undefined }));
    setSavedOnce(false);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { patch, errors } = patchFrom(draft, view.saved, locked);
    setShownErrors(errors);
    if (Object.keys(errors).length > 0) return;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    update.mutate(patch, {
      onSuccess: (saved) => {
        if (patch.language) changeLanguage(patch.language);
        setSavedOnce(true);
        // Stay open when a restart is needed, so the clerk sees it and can restart from here.
        if (!saved.restartPending) onClose();
      },
    });
  };

  const lockNote = (key: string): ReactElement | undefined =>
    isLocked(key) ? (
      <span className={styles.lockNote}>
        <LockClosedRegular aria-hidden />
        {view.sources[key] === 'environment'
          ? t('settings.lockedEnvironment')
          : t('settings.locked')}
      </span>
    ) : undefined;

  // Whole numbers typed as text, so a half-typed value stays visible with its message.
  const numberField = (
    key: 'idleLockMinutes' | 'photoCacheMb',
    testId: string,
    range: { min?: number; max: number },
  ) => (
    <Field
      label={t(`settings.${key}.label`)}
      hint={lockNote(key) ?? t(`settings.${key}.hint`)}
      validationMessage={shownErrors[key] ? t(`settings.${key}.invalid`, range) : undefined}
    >
      <Input
        className={styles.number}
        inputMode="numeric"
        value={draft[key]}
        disabled={isLocked(key)}
        onChange={(_event, data) => set(key, data.value)}
        data-testid={testId}
      />
    </Field>
  );

  return (
    <DialogSurface className={styles.surface} aria-describedby={undefined}>
      <form onSubmit={onSubmit} noValidate data-testid="settings-dialog">
        <DialogBody>
          <DialogTitle>{t('settings.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            {view.issues.length > 0 && (
              <MessageBar intent="warning" layout="multiline" data-testid="settings-issues">
                <MessageBarBody>
                  <MessageBarTitle>{t('settings.issues.title')}</MessageBarTitle>
                  <ul className={styles.issueList}>
                    {view.issues.map((issue, index) => (
                      <li key={index}>
                        {t('settings.issues.line', {
                          file: t(`settings.issues.${issue.file}`),
                          key: issue.key ?? t('settings.issues.file'),
                          what: t(`settings.issues.codes.${issue.code}`),
                        })}
                        {issue.code === 'unreadable' && ` (${issue.message})`}
                      </li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
            )}
            {view.restartPending && (
              <MessageBar intent="info" layout="multiline" data-testid="settings-restart">
                <MessageBarBody>
                  <MessageBarTitle>{t('settings.restart.title')}</MessageBarTitle>
                  {t('settings.restart.body')} {!view.canRestart && t('settings.restart.manual')}
                </MessageBarBody>
                {view.canRestart && (
                  <MessageBarActions>
                    <Button onClick={() => restart.mutate()} disabled={restart.isPending}>
                      {t('settings.restart.now')}
                    </Button>
                  </MessageBarActions>
                )}
              </MessageBar>
            )}

            <fieldset className={styles.section}>
              <legend className={styles.legend}>{t('settings.sections.connection')}</legend>
              <Field
                label={t('settings.serverUrl.label')}
                hint={lockNote('serverUrl') ?? t('settings.serverUrl.hint')}
                validationMessage={
                  shownErrors.serverUrl ? t('settings.serverUrl.invalid') : undefined
                }
              >
                <Input
                  type="url"
                  value={draft.serverUrl}
                  placeholder={t('settings.serverUrl.placeholder')}
                  disabled={isLocked('serverUrl')}
                  onChange={(_event, data) => set('serverUrl', data.value)}
                  data-testid="settings-server-url"
                />
              </Field>
            </fieldset>

            <fieldset className={styles.section}>
              <legend className={styles.legend}>{t('settings.sections.workstation')}</legend>
              <div className={styles.pair}>
                <Field label={t('settings.language.label')} hint={lockNote('language')}>
                  <Select
                    value={draft.language}
                    disabled={isLocked('language')}
                    onChange={(_event, data) => {
                      const language = SETTINGS_LANGUAGES.find((l) => l === data.value);
                      if (language) set('language', language);
                    }}
                    data-testid="settings-language"
                  >
                    <LanguageOptions />
                  </Select>
                </Field>
                {numberField('idleLockMinutes', 'settings-idle-lock', {
                  max: IDLE_LOCK_MAX_MINUTES,
                })}
              </div>
              {numberField('photoCacheMb', 'settings-photo-cache', {
                min: PHOTO_CACHE_MIN_MB,
                max: PHOTO_CACHE_MAX_MB,
              })}
            </fieldset>

            <fieldset className={styles.section}>
              <legend className={styles.legend}>{t('settings.sections.notices')}</legend>
              <Checkbox
                label={t('settings.notifications.label')}
                checked={draft.notifications}
                disabled={isLocked('notifications')}
                onChange={(_event, data) => set('notifications', data.checked === true)}
                data-testid="settings-notifications"
              />
              <Checkbox
                label={t('settings.doNotDisturb.label')}
                checked={draft.doNotDisturb}
                disabled={isLocked('doNotDisturb')}
                onChange={(_event, data) => set('doNotDisturb', data.checked === true)}
                data-testid="settings-dnd"
              />
            </fieldset>

            <fieldset className={styles.section}>
              <legend className={styles.legend}>{t('settings.sections.admin')}</legend>
              <dl className={styles.fixed} data-testid="settings-admin">
                <dt className={styles.fixedLabel}>{t('settings.retentionDays.label')}</dt>
                <dd className={styles.fixedValue}>
                  {view.saved.retentionDays === 0
                    ? t('settings.retentionDays.never')
                    : t('settings.retentionDays.days', { count: view.saved.retentionDays })}
                </dd>
                <dt className={styles.fixedLabel}>{t('settings.updates.label')}</dt>
                <dd className={styles.fixedValue}>
                  {view.saved.updatesEnabled && view.saved.updateUrl
                    ? t('settings.updates.on', { url: view.saved.updateUrl })
                    : t('settings.updates.off')}
                </dd>
              </dl>
              <Text size={200} className={styles.muted}>
                {t('settings.files', {
                  user: view.files.user ?? t('settings.noFile'),
                  preset: view.files.preset ?? t('settings.noFile'),
                })}
              </Text>
            </fieldset>

            <fieldset className={styles.section}>
              <legend className={styles.legend}>{t('settings.sections.support')}</legend>
              <DiagnosticsExport autoStart={exportOnOpen} />
            </fieldset>

            {update.isError && (
              <MessageBar intent="error" data-testid="settings-save-error">
                <MessageBarBody>
                  {t('settings.saveFailed', { message: update.error.message })}
                </MessageBarBody>
              </MessageBar>
            )}
            {savedOnce && !update.isError && (
              <Text role="status" data-testid="settings-saved">
                {t('settings.saved')}
              </Text>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              type="submit"
              disabled={update.isPending}
              data-testid="settings-save"
            >
              {t('settings.save')}
            </Button>
            <Button onClick={onClose} data-testid="settings-cancel">
              {t('settings.cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </form>
    </DialogSurface>
  );
}

function DiagnosticsExport({ autoStart }: { autoStart: boolean }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const exporter = useExportDiagnostics();
  // Once per opening from the menu, also when React runs the effect twice.
  const started = useRef(false);
  const { mutate } = exporter;
  useEffect(() => {
    if (!autoStart || started.current) return;
    started.current = true;
    mutate();
  }, [autoStart, mutate]);
  const result = exporter.data;
  let outcome: string | null = null;
  if (exporter.isError) outcome = t('settings.diagnostics.failed');
  else if (result?.status === 'saved')
    outcome = t('settings.diagnostics.saved', { path: result.path });
  else if (result?.status === 'download') {
    outcome = t('settings.diagnostics.downloaded', { fileName: result.fileName });
  } else if (result?.status === 'cancelled') outcome = t('settings.diagnostics.cancelled');
  return (
    <div className={styles.section}>
      <div className={styles.support}>
        <Button
          onClick={() => exporter.mutate()}
          disabled={exporter.isPending}
          data-testid="settings-diagnostics"
        >
          {t('settings.diagnostics.button')}
        </Button>
        {outcome && (
          <Text role="status" data-testid="settings-diagnostics-result">
            {outcome}
          </Text>
        )}
      </div>
      <Text size={200} className={styles.muted}>
        {t('settings.diagnostics.hint')}
      </Text>
    </div>
  );
}
