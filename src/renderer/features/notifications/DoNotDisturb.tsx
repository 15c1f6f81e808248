import { ToggleButton, Tooltip } from '@fluentui/react-components';
import { AlertOffRegular, AlertRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

/** The "do not disturb" switch in the header: no desktop notices while it is on. */
export function DoNotDisturb({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip
      content={on ? t('notifications.dndOn') : t('notifications.dndOff')}
      relationship="description"
      withArrow
    >
      <ToggleButton
        appearance="subtle"
        size="small"
        checked={on}
        icon={on ? <AlertOffRegular /> : <AlertRegular />}
        onClick={() => onChange(!on)}
        data-testid="do-not-disturb"
      >
        {t('notifications.dnd')}
      </ToggleButton>
    </Tooltip>
  );
}
