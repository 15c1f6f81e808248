import {
  settingSchemas,
  type Settings,
  type UserSettingsPatch,
} from '../../../shared/contract/settings-calls';

/** The form's fields as typed: text for what the clerk types, so a half-typed value can be shown. */
export interface SettingsDraft {
  serverUrl: string;
  language: Settings['language'];
  notifications: boolean;
  doNotDisturb: boolean;
  photoCacheMb: string;
  idleLockMinutes: string;
}

export type DraftErrors = Partial<Record<'serverUrl' | 'photoCacheMb' | 'idleLockMinutes', true>>;

export function draftFrom(saved: Settings): SettingsDraft {
  return {
    serverUrl: saved.serverUrl ?? '',
    language: saved.language,
    notifications: saved.notifications,
    doNotDisturb: saved.doNotDisturb,
    photoCacheMb: String(saved.photoCacheMb),
    idleLockMinutes: String(saved.idleLockMinutes),
  };
}

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/**
 * What the form would save: only the fields that differ from the saved settings and that the
 * clerk may change, each checked with the same rule main applies; or the fields in error.
 */
export function patchFrom(
  draft: SettingsDraft,
  saved: Settings,
  locked: readonly string[],
): { patch: UserSettingsPatch; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const patch: Record<string, unknown> = {};
  const offer = (key: keyof UserSettingsPatch, value: unknown) => {
    if (locked.includes(key)) return;
    if (value !== saved[key]) patch[key] = value;
  };

  const address = draft.serverUrl.trim();
  if (address === '') offer('serverUrl', null);
  else {
    const parsed = settingSchemas.serverUrl.safeParse(address);
    if (parsed.success) offer('serverUrl', parsed.data);
    else if (!locked.includes('serverUrl')) errors.serverUrl = true;
  }
  offer('language', draft.language);
  offer('notifications', draft.notifications);
  offer('doNotDisturb', draft.doNotDisturb);
  for (const key of ['photoCacheMb', 'idleLockMinutes'] as const) {
    const parsed = settingSchemas[key].safeParse(wholeNumber(draft[key]));
    if (parsed.success) offer(key, parsed.data);
    else if (!locked.includes(key)) errors[key] = true;
  }
  return { patch: patch as UserSettingsPatch, errors };
}
