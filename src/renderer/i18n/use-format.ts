import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatAmount,
  formatCount,
  formatDateTime,
  formatDistrict,
  formatDistrictLong,
  formatStamp,
} from './format';
import { type Language, toLanguage } from './languages';

/** The formatters bound to the current UI language; components re-render when it changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language: Language = toLanguage(i18n.resolvedLanguage ?? i18n.language);
  return useMemo(
    () => ({
      language,
      dateTime: (iso: string | null | undefined) => formatDateTime(iso, language),
      stamp: (iso: string | null | undefined, now = new Date()) => formatStamp(iso, language, now),
      amount: (cents: number) => formatAmount(cents, language),
      count: (value: number) => formatCount(value, language),
      district: (id: number) => formatDistrict(id, language),
      districtLong: (id: number) => formatDistrictLong(id, language),
    }),
    [language],
  );
}
