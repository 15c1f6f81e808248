import type { ContractImpl } from '../../shared/contract';
import type { SettingsService } from './service';

type SettingsCalls = Pick<ContractImpl, 'settings.get' | 'settings.update' | 'settings.restart'>;

export function settingsCallsImpl(settings: SettingsService): SettingsCalls {
  return {
    'settings.get': async () => settings.view(),
    'settings.update': async (patch) => settings.update(patch),
    'settings.restart': async () => ({ restarting: settings.restart() }),
  };
}
