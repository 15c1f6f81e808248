import { Button, Tooltip } from '@fluentui/react-components';
import { SettingsRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppCommands } from '../../api/use-app-commands';
import { inDialog } from '../../components/keys';
import { SettingsDialog } from './SettingsDialog';

/** Strg+, opens the settings, as in most Windows programs that have them. */
function isSettingsKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key === ',';
}

/**
 * The settings: a button in the header, Strg+, and the menu's "Einstellungen" and "Diagnose
 * exportieren" (which opens them and starts the export).
 */
export function SettingsButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<{ exportOnOpen: boolean } | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSettingsKey(event) || event.defaultPrevented || inDialog(event.target)) return;
      event.preventDefault();
      setOpen({ exportOnOpen: false });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  useAppCommands((command) => {
    if (command === 'settings') setOpen({ exportOnOpen: false });
    if (command === 'diagnostics') setOpen({ exportOnOpen: true });
  });

  return (
    <>
      <Tooltip
        content={`${t('settings.open')} (${t('settings.shortcut')})`}
        relationship="description"
        withArrow
      >
        <Button
          appearance="subtle"
          size="small"
          icon={<SettingsRegular />}
          aria-label={t('settings.open')}
          onClick={() => setOpen({ exportOnOpen: false })}
          data-testid="settings-button"
        />
      </Tooltip>
      {open && <SettingsDialog exportOnOpen={open.exportOnOpen} onClose={() => setOpen(null)} />}
    </>
  );
}
