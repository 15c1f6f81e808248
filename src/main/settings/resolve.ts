import {
  ADMIN_ONLY_SETTINGS,
  DEFAULT_SETTINGS,
  SETTING_KEYS,
  settingSchemas,
  type SettingKey,
  type Settings,
  type SettingsIssue,
  type SETTING_SOURCES,
} from '../../shared/contract/settings-calls';

export type SettingSource = (typeof SETTING_SOURCES)[number];

/** A settings file as read: its values, still unchecked, or what made it unreadable. */
export type RawSettingsFile =
  { kind: 'missing' } | { kind: 'unreadable'; message: string } | { kind: 'read'; data: unknown };

export interface ResolvedSettings {
  values: Settings;
  sources: Record<SettingKey, SettingSource>;
  /** Keys the clerk cannot change here. */
  locked: SettingKey[];
  issues: SettingsIssue[];
}

export interface ResolveInput {
  /** The administrator's file next to the installation: `{ "settings": {…}, "locked": […] }`. */
  preset: RawSettingsFile;
  /** The clerk's file in the profile: the settings object itself. */
  user: RawSettingsFile;
  /** Values fixed for this run (environment variables of a developer, a test or a service). */
  environment?: Partial<Settings>;
  /** This host's own defaults over the built-in ones (tests, the browser host). */
  defaults?: Partial<Settings>;
}

const ADMIN_ONLY: ReadonlySet<string> = new Set(ADMIN_ONLY_SETTINGS);

export function isAdminOnly(key: string): boolean {
  return ADMIN_ONLY.has(key);
}

function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Defaults, then the administrator's preset, then the clerk's own choices (except what the preset
 * locks and what only an administrator may set), then the environment. Every value is checked on
 * its own: a typo in one line costs that line, and says so, never the whole file.
 */
export function resolveSettings(input: ResolveInput): ResolvedSettings {
  const values: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...input.defaults };
  const sources = Object.fromEntries(SETTING_KEYS.map((key) => [key, 'default'])) as Record<
    SettingKey,
    SettingSource
  >;
  const issues: SettingsIssue[] = [];
  const locked = new Set<SettingKey>(ADMIN_ONLY_SETTINGS);

  const preset = fileObject(input.preset, 'preset', issues);
  if (preset) {
    const { settings, locked: presetLocked, ...rest } = preset;
    for (const key of Object.keys(rest)) {
      issues.push({
        file: 'preset',
        key,
        code: 'unknown_entry',
        message: 'unknown entry (expected "settings", "locked")',
      });
    }
    if (settings !== undefined && !isRecord(settings)) {
      issues.push({
        file: 'preset',
        key: 'settings',
        code: 'invalid_value',
        message: 'must be an object',
      });
    }
    if (isRecord(settings)) apply(settings, 'preset', values, sources, issues);
    if (presetLocked !== undefined) {
      if (!Array.isArray(presetLocked)) {
        issues.push({
          file: 'preset',
          key: 'locked',
          code: 'invalid_value',
          message: 'must be a list of setting names',
        });
      } else {
        for (const key of presetLocked) {
          if (typeof key === 'string' && isSettingKey(key)) locked.add(key);
          else
            issues.push({
              file: 'preset',
              key: 'locked',
              code: 'unknown_setting',
              message: `unknown setting ${String(key)}`,
            });
        }
      }
    }
  }

  const user = fileObject(input.user, 'user', issues);
  if (user) {
    const allowed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(user)) {
      if (isAdminOnly(key)) {
        issues.push({
          file: 'user',
          key,
          code: 'admin_only',
          message: 'only the administrator may set this',
        });
      } else if (!locked.has(key as SettingKey)) {
        allowed[key] = value;
      }
      // A value the administrator locked later is ignored quietly: the clerk chose it before.
    }
    apply(allowed, 'user', values, sources, issues);
  }

  for (const [key, value] of Object.entries(input.environment ?? {})) {
    if (!isSettingKey(key) || value === undefined) continue;
    values[key] = value;
    sources[key] = 'environment';
    locked.add(key);
  }

  return {
    // Every key started from a default and was replaced only by a value its schema accepted.
    values: values as Settings,
    sources,
    locked: SETTING_KEYS.filter((key) => locked.has(key)),
    issues,
  };
}

function fileObject(
  file: RawSettingsFile,
  name: SettingsIssue['file'],
  issues: SettingsIssue[],
): Record<string, unknown> | null {
  if (file.kind === 'missing') return null;
  if (file.kind === 'unreadable') {
    issues.push({ file: name, key: null, code: 'unreadable', message: file.message });
    return null;
  }
  if (!isRecord(file.data)) {
    issues.push({ file: name, key: null, code: 'not_object', message: 'must hold a JSON object' });
    return null;
  }
  return file.data;
}

function apply(
  entries: Record<string, unknown>,
  file: SettingsIssue['file'],
  values: Record<string, unknown>,
  sources: Record<SettingKey, SettingSource>,
  issues: SettingsIssue[],
): void {
  for (const [key, value] of Object.entries(entries)) {
    if (!isSettingKey(key)) {
      issues.push({ file, key, code: 'unknown_setting', message: 'unknown setting' });
      continue;
    }
    const parsed = settingSchemas[key].safeParse(value);
    if (!parsed.success) {
      issues.push({
        file,
        key,
        code: 'invalid_value',
        message: parsed.error.issues[0]?.message ?? 'invalid value',
      });
      continue;
    }
    values[key] = parsed.data;
    sources[key] = file;
  }
}
