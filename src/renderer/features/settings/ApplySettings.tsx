import { useEffect } from 'react';
import { useSettings } from '../../api/use-settings';
import { changeLanguage } from '../../i18n';

/**
 * Applies the settings that belong to the renderer as they load and change: the language (also
 * on the login screen). Main is the truth; the renderer keeps a copy only to paint the first
 * frame in the right language.
 */
export function ApplySettings() {
  const language = useSettings().data?.values.language;
  useEffect(() => {
    if (language) changeLanguage(language);
  }, [language]);
  return null;
}
