import { z } from 'zod';
import { IDLE_LOCK_MAX_MINUTES } from './session-calls';

/** The UI languages; German is the office language. */
export const SETTINGS_LANGUAGES = ['de', 'en'] as const;

export const PHOTO_CACHE_MIN_MB = 100;
export const PHOTO_CACHE_MAX_MB = 100_000;
export const RETENTION_MAX_DAYS = 3650;
const URL_MAX = 2048;

/**
 * An http(s) address without credentials, query or fragment; stored without a trailing slash so
 * that `https://a/` and `https://a` are one server (and one local database).
 */
export const serverAddressSchema = z
  .string()
  .trim()
  .max(URL_MAX)
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not an address (https://…)' });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'must start with https:// or http://' });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
    } else if (url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'must not contain ? or #' });
    }
  })
  .transform((text) => new URL(text).href.replace(/\/+$/, ''));

/** Updates come only over https: an update is code that runs with the clerk's rights. */
export const updateAddressSchema = serverAddressSchema.refine((url) => url.startsWith('https://'), {
  message: 'must start with https://',
});

/**
 * Every setting with its rule. Each is checked alone, so one bad value in a file costs that value
 * only, never the rest.
 */
export const settingSchemas = {
  /** The field server; null runs the built-in demo server with demo data. */
  serverUrl: serverAddressSchema.nullable(),
  language: z.enum(SETTINGS_LANGUAGES),
  /** Desktop notices of new messages. */
  notifications: z.boolean(),
  /** Notices held back (messages still arrive and count as unread). */
  doNotDisturb: z.boolean(),
  photoCacheMb: z.number().int().min(PHOTO_CACHE_MIN_MB).max(PHOTO_CACHE_MAX_MB),
  /** 0 never locks. */
  idleLockMinutes: z.number().int().min(0).max(IDLE_LOCK_MAX_MINUTES),
  /** Days after a case closed until its personal data leaves this desk; 0 keeps it. */
  retentionDays: z.number().int().min(0).max(RETENTION_MAX_DAYS),
  updatesEnabled: z.boolean(),
  /** The internal update address (electron-updater's generic provider); null: none configured. */
  updateUrl: updateAddressSchema.nullable(),
} as const;

export type SettingKey = keyof typeof settingSchemas & string;
export const SETTING_KEYS = Object.keys(settingSchemas) as SettingKey[];

export const settingsSchema = z.strictObject(settingSchemas);
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: null,
  language: 'de',
  notifications: true,
  doNotDisturb: false,
  photoCacheMb: 2048,
  idleLockMinutes: 10,
  retentionDays: 30,
  updatesEnabled: false,
  updateUrl: null,
};

/**
 * What only the administrator's preset may set: how long personal data stays (a clerk must not
 * keep it longer) and where code updates come from.
 */
export const ADMIN_ONLY_SETTINGS = [
  'retentionDays',
  'updatesEnabled',
  'updateUrl',
] as const satisfies readonly SettingKey[];

/** These take effect at the next start: another server means another local database. */
export const RESTART_SETTINGS = [
  'serverUrl',
  'retentionDays',
  'updatesEnabled',
  'updateUrl',
] as const satisfies readonly SettingKey[];

export const userSettingsPatchSchema = settingsSchema
  .omit({ retentionDays: true, updatesEnabled: true, updateUrl: true })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' });
export type UserSettingsPatch = z.infer<typeof userSettingsPatchSchema>;

/** Where a value comes from: the built-in default, the administrator's file, the clerk, the environment. */
export const SETTING_SOURCES = ['default', 'preset', 'user', 'environment'] as const;

export const SETTINGS_ISSUE_CODES = [
  /** The file cannot be read or is not JSON. */
  'unreadable',
  /** The file holds JSON, but not an object. */
  'not_object',
  /** An entry the preset file does not have (only "settings" and "locked"). */
  'unknown_entry',
  'unknown_setting',
  'invalid_value',
  /** The clerk's file sets what only the administrator may. */
  'admin_only',
] as const;

/** A problem found while reading a settings file; the value concerned fell back. */
export const settingsIssueSchema = z.object({
  file: z.enum(['preset', 'user']),
  /** The setting concerned, or null for the file as a whole (unreadable, not JSON). */
  key: z.string().nullable(),
  code: z.enum(SETTINGS_ISSUE_CODES),
  /** The technical detail, in English, for the administrator and the log. */
  message: z.string(),
});
export type SettingsIssue = z.infer<typeof settingsIssueSchema>;

export const settingsViewSchema = z.object({
  /** In effect now. */
  values: settingsSchema,
  /** As saved, to take effect at the next start where that differs from `values`. */
  saved: settingsSchema,
  sources: z.record(z.string(), z.enum(SETTING_SOURCES)),
  /** Fixed by the administrator (or the environment): shown, not editable. */
  locked: z.array(z.string()),
  issues: z.array(settingsIssueSchema),
  /** Saved changes wait for a restart (see RESTART_SETTINGS). */
  restartPending: z.boolean(),
  /** Whether this host can restart itself (the desktop app can, the browser host cannot). */
  canRestart: z.boolean(),
  /** The files, for the administrator. */
  files: z.object({ user: z.string().nullable(), preset: z.string().nullable() }),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

const noInput = z.strictObject({});

export const settingsCalls = {
  'settings.get': { input: noInput, output: settingsViewSchema },
  /** Saves the clerk's changes; a locked or admin-only key is refused as invalid input. */
  'settings.update': { input: userSettingsPatchSchema, output: settingsViewSchema },
  /** Restarts the console so that saved settings take effect. */
  'settings.restart': { input: noInput, output: z.object({ restarting: z.boolean() }) },
} as const;
