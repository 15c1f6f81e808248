import type { Language } from '../../i18n/languages';
import type { CasePhoto } from '../../../shared/contract/photo-calls';

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

/**
 * `812 kB` / `1,4 MB` in German. Decimal units (1 kB = 1000 B), as Windows Explorer's neighbours
 * in the office (mail clients, the scanner software) show them to clerks.
 */
export function formatBytes(bytes: number, language: Language): string {
  const locale = LOCALES[language];
  if (bytes < 1000) return `${new Intl.NumberFormat(locale).format(bytes)} B`;
  if (bytes < 1_000_000) {
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1000)} kB`;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1_000_000)} MB`;
}

/** `48,16300° N, 11,58600° E`: five decimals are about a metre, enough to find the kerb. */
export function formatCoordinates(lat: number, lon: number, language: Language): string {
  const number = new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: 5,
    maximumFractionDigits: 5,
  });
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lon >= 0 ? (language === 'de' ? 'O' : 'E') : 'W';
  return `${number.format(Math.abs(lat))}° ${ns}, ${number.format(Math.abs(lon))}° ${ew}`;
}

/** First and last eight hex digits: enough to compare by eye, short enough for a narrow column. */
export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 8)}…${sha256.slice(-8)}`;
}

/** `JPEG` from `image/jpeg`. */
export function formatContentType(contentType: string): string {
  return (contentType.split('/')[1] ?? contentType).toUpperCase();
}

/** What the clerk sees of a photo's download: only `verified` ever shows the image. */
export type PhotoDisplay = 'pending' | 'verified' | 'unverified' | 'failed' | 'retrying';

export function photoDisplay(photo: CasePhoto): PhotoDisplay {
  if (photo.state === 'stored') return photo.verified ? 'verified' : 'unverified';
  if (photo.state === 'failed') return 'failed';
  // Still queued after a failed attempt: the clerk should see why, not just a spinner.
  return photo.error ? 'retrying' : 'pending';
}

/** The verified original when there is no thumbnail; null means: show no image at all. */
export function thumbVariant(photo: CasePhoto): 'thumb' | 'original' | null {
  if (photoDisplay(photo) !== 'verified') return null;
  return photo.thumbnail ? 'thumb' : 'original';
}

/** Main reports a failed hash check with this prefix; the clerk is told in their own words. */
export function isHashMismatch(error: string | null): boolean {
  return error?.startsWith('Hash mismatch') ?? false;
}
