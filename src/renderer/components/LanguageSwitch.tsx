import { makeStyles, Select, type SelectProps, tokens } from '@fluentui/react-components';
import { LocalLanguageRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useSettings, useUpdateSettings } from '../api/use-settings';
import { changeLanguage } from '../i18n';
import { isLanguage, LANGUAGES, toLanguage } from '../i18n/languages';

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
  },
  icon: { fontSize: '16px' },
});

/**
 * The UI language. A native select: keyboard- and screen-reader-friendly without extra work.
 * Each language is named in itself, so a clerk who cannot read the current one still finds theirs.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const settings = useSettings().data;
  const update = useUpdateSettings();
  const locked = settings?.locked.includes('language') ?? false;
  const onChange: SelectProps['onChange'] = (_event, data) => {
    if (!isLanguage(data.value)) return;
    // At once on screen; saved in the profile, where the menu and the next start read it.
    changeLanguage(data.value);
    update.mutate({ language: data.value });
  };
  return (
    <span className={styles.root}>
      <LocalLanguageRegular className={styles.icon} aria-hidden />
      <Select
        size="small"
        appearance="filled-darker"
        aria-label={t('header.language')}
        value={toLanguage(i18n.resolvedLanguage ?? i18n.language)}
        disabled={locked}
        onChange={onChange}
        data-testid="language-switch"
      >
        <LanguageOptions />
      </Select>
    </span>
  );
}

/** Each language named in itself, so a clerk who cannot read the current one still finds theirs. */
export function LanguageOptions() {
  const { t } = useTranslation();
  return LANGUAGES.map((language) => (
    <option key={language} value={language} lang={language}>
      {t(`languages.${language}`)}
    </option>
  ));
}
