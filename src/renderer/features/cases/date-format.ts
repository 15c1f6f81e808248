import { OFFICE_TIME_ZONE } from '../../i18n/format';
import type { Language } from '../../i18n/languages';

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone,
      day: '2-digit',
      // Numeric in English too (18/12/2026): "Sept" would not fit the dense date columns.
      month: '2-digit',
      year: 'numeric',
    });
    cache.set(key, format);
  }
  return format;
}

/** The office date of an instant: `20.11.2026` in German, `20/11/2026` in English. */
export function formatDate(iso: string, language: Language): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '–' : formatter(language, OFFICE_TIME_ZONE).format(date);
}

/**
 * A calendar date 'YYYY-MM-DD' (a deadline), formatted as is: read at UTC noon, so no time zone
 * can move it to the day before or after.
 */
export function formatCalendarDate(date: string, language: Language): string {
  const at = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(at.getTime()) ? '–' : formatter(language, 'UTC').format(at);
}
