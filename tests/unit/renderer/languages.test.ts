import { describe, expect, it } from 'vitest';
import {
  LANGUAGE_STORAGE_KEY,
  readStoredLanguage,
  storeLanguage,
  toLanguage,
} from '../../../src/renderer/i18n/languages';
import { de } from '../../../src/renderer/i18n/locales/de';
import { en } from '../../../src/renderer/i18n/locales/en';

const memoryStorage = (initial: Record<string, string> = {}) => {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
};

describe('language choice', () => {
  it('defaults to German', () => {
    expect(readStoredLanguage(undefined)).toBe('de');
    expect(readStoredLanguage(memoryStorage())).toBe('de');
  });

  it('reads a stored choice and ignores unknown values', () => {
    expect(readStoredLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'en' }))).toBe('en');
    expect(readStoredLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'fr' }))).toBe('de');
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readStoredLanguage(broken)).toBe('de');
    expect(() => storeLanguage(broken, 'en')).not.toThrow();
  });

  it('stores the choice under its key', () => {
    const storage = memoryStorage();
    storeLanguage(storage, 'en');
    expect(storage.data.get(LANGUAGE_STORAGE_KEY)).toBe('en');
  });

  it('maps regional and unknown codes onto a supported language', () => {
    expect(toLanguage('en-GB')).toBe('en');
    expect(toLanguage('de-AT')).toBe('de');
    expect(toLanguage('cimode')).toBe('de');
    expect(toLanguage(undefined)).toBe('de');
  });
});

describe('translations', () => {
  const keys = (value: object, prefix = ''): string[] =>
    Object.entries(value).flatMap(([key, child]) =>
      typeof child === 'object' && child !== null
        ? keys(child as object, `${prefix}${key}.`)
        : [`${prefix}${key}`],
    );

  it('English has exactly the German keys, and no text is empty', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
    const texts = (value: object): string[] =>
      Object.values(value).flatMap((child) =>
        typeof child === 'string' ? [child] : texts(child as object),
      );
    expect(texts(de).filter((text) => !text.trim())).toEqual([]);
    expect(texts(en).filter((text) => !text.trim())).toEqual([]);
  });

  it('uses the sync state wording clerks are told about', () => {
    expect(de.sync.state).toEqual({
      starting: 'Verbinde …',
      syncing: 'Synchronisiere …',
      idle: 'Synchronisiert',
      offline: 'Offline – Server nicht erreichbar',
      error: 'Fehler',
    });
  });
});
