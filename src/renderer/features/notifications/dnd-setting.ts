import { useSettings, useUpdateSettings } from '../../api/use-settings';

/**
 * Whether desktop notices are held back: "do not disturb" on, or notices turned off in the
 * settings; and the header switch for "do not disturb". Both live in the profile's settings.
 */
export function useDoNotDisturb(): { on: boolean; quiet: boolean; set: (on: boolean) => void } {
  const values = useSettings().data?.values;
  const update = useUpdateSettings();
  const on = values?.doNotDisturb ?? false;
  return {
    on,
    quiet: on || values?.notifications === false,
    set: (next: boolean) => update.mutate({ doNotDisturb: next }),
  };
}
