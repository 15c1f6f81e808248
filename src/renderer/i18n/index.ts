import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { de } from './locales/de';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  type Language,
  readStoredLanguage,
  storeLanguage,
  toLanguage,
} from './languages';

/**
 * Initialises i18next once, synchronously (resources are bundled), so the first paint is already
 * in the clerk's language.
 */
export function initI18n(): typeof i18n {
  const language = readStoredLanguage(safeLocalStorage());
  void i18n.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: en } },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    // React escapes on render; escaping here would double-escape "„" and "&".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  syncDocumentLanguage(language);
  i18n.on('languageChanged', (lng) => syncDocumentLanguage(toLanguage(lng)));
  return i18n;
}

/** Switches the UI language and remembers it for the next start. */
export function changeLanguage(language: Language): void {
  storeLanguage(safeLocalStorage(), language);
  void i18n.changeLanguage(language);
}

// Screen readers pick their voice from <html lang>; keep it in step with the UI.
function syncDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
