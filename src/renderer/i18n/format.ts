import { DISTRICTS } from '../../shared/domain/districts';
import type { Language } from './languages';

/**
 * Times are shown in the office's time zone, not the workstation's: a Tatzeit is a legal fact in
 * Munich and must read the same on every desk and in every letter.
 */
export const OFFICE_TIME_ZONE = 'Europe/Berlin';

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

/** Placeholder for values that cannot be shown (missing or unparsable). */
export const NO_VALUE = '–';

// Intl formatters are costly to build and the list formats thousands of cells: build each once.
function cached<T>(build: (language: Language) => T): (language: Language) => T {
  const cache = new Map<Language, T>();
  return (language) => {
    let value = cache.get(language);
    if (value === undefined) {
      value = build(language);
      cache.set(language, value);
    }
    return value;
  };
}

const dateTimeFormat = cached(
  (language) =>
    new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: OFFICE_TIME_ZONE,
      day: '2-digit',
      month: language === 'de' ? '2-digit' : 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
);

const amountFormat = cached(
  (language) => new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' }),
);

const countFormat = cached((language) => new Intl.NumberFormat(LOCALES[language]));

/**
 * German: `dd.MM.yyyy HH:mm` (as on the Verwarnung itself); English: `20 Nov 2026, 10:30`.
 * The German form is assembled from parts because Intl puts a comma between date and time.
 */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return NO_VALUE;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return NO_VALUE;
  const format = dateTimeFormat(language);
  if (language !== 'de') return format.format(date);
  const parts = format.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

const dayFormat = cached(
  (language) =>
    new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: OFFICE_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }),
);

const timeFormat = cached(
  (language) =>
    new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: OFFICE_TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
);

/**
 * A message's time as lists show it: the time of day for today (office time zone), the date for
 * anything older (`27.11.2026` / `27/11/2026`).
 */
export function formatStamp(iso: string | null | undefined, language: Language, now: Date): string {
  if (!iso) return NO_VALUE;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return NO_VALUE;
  const day = dayFormat(language);
  return day.format(date) === day.format(now)
    ? timeFormat(language).format(date)
    : day.format(date);
}

/** Cents to euros: `25,00 €` in German, `€25.00` in English (Intl puts a no-break space before €). */
export function formatAmount(cents: number, language: Language): string {
  return amountFormat(language).format(cents / 100);
}

/** Counts with grouping: `1.000.000` in German, `1,000,000` in English. */
export function formatCount(value: number, language: Language): string {
  return countFormat(language).format(value);
}

const DISTRICT_WORD: Record<Language, { short: string; long: string }> = {
  de: { short: 'Bezirk', long: 'Stadtbezirk' },
  en: { short: 'District', long: 'District' },
};

/**
 * A Stadtbezirk by its name. Names are proper nouns and stay German in the English UI; an unknown
 * number (newer server data) is shown by number rather than hidden.
 */
export function formatDistrict(id: number, language: Language): string {
  return DISTRICTS.find((d) => d.id === id)?.name ?? `${DISTRICT_WORD[language].short} ${id}`;
}

/** `Stadtbezirk 4 – Schwabing-West`: the city's official way of naming a district, for tooltips. */
export function formatDistrictLong(id: number, language: Language): string {
  const name = DISTRICTS.find((d) => d.id === id)?.name;
  const prefix = `${DISTRICT_WORD[language].long} ${id}`;
  return name ? `${prefix} – ${name}` : prefix;
}

/** `Leopoldstraße 12`; a missing house number leaves no trailing space. */
export function formatStreet(street: string, houseNumber: string): string {
  return houseNumber.trim() ? `${street} ${houseNumber.trim()}` : street;
}

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: OFFICE_TIME_ZONE,
  timeZoneName: 'longOffset',
});

/** The office's offset from UTC at `date`, in minutes (60 in winter, 120 in summer). */
function officeOffsetMinutes(date: Date): number {
  const name = offsetFormat.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * A date and time as typed into a `datetime-local` field (`2026-12-01T07:30`), read as office
 * time, to an instant; null when it is not one. A time that does not exist (the hour skipped in
 * March) moves forward with the clocks.
 */
export function officeLocalToIso(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(asUtc)) return null;
  let instant = asUtc - officeOffsetMinutes(new Date(asUtc)) * 60_000;
  // Near a change of the clocks the first guess can take the other side's offset.
  instant = asUtc - officeOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant).toISOString();
}

/** An instant as office time for a `datetime-local` field. */
export function isoToOfficeLocal(iso: string): string {
  const date = new Date(iso);
  const shifted = new Date(date.getTime() + officeOffsetMinutes(date) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
