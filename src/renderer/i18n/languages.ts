/** The UI languages. German is the office language; English is offered for colleagues who prefer it. */
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'de';

/** localStorage key for the clerk's choice; per workstation profile, which is what clerks expect. */
export const LANGUAGE_STORAGE_KEY = 'kvue.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps whatever i18next reports (e.g. `en-GB`, `cimode`, undefined) onto a supported language. */
export function toLanguage(value: string | null | undefined): Language {
  const base = value?.split('-')[0];
  return isLanguage(base) ? base : DEFAULT_LANGUAGE;
}

// The parts of Web Storage used here, declared locally so tests type-check without the DOM lib.
interface ReadableStorage {
  getItem(key: string): string | null;
}
interface WritableStorage {
  setItem(key: string, value: string): void;
}

/** The stored choice, or German. Storage can throw (disabled, sandboxed), which must not stop the UI. */
export function readStoredLanguage(storage: ReadableStorage | undefined): Language {
  try {
    const stored = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(storage: WritableStorage | undefined, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisting the choice is acceptable; the switch still works for this session.
  }
}
