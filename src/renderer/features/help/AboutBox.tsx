import {
  Button,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  mergeClasses,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../../api/use-app-info';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  line: { margin: 0 },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
  },
  pair: { display: 'contents' },
  term: { margin: 0, color: tokens.colorNeutralForeground2 },
  value: { margin: 0 },
  version: { fontWeight: tokens.fontWeightSemibold },
  runtimesHeading: {
    margin: `${tokens.spacingVerticalS} 0 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
});

/** Product names of the runtimes main reports; they are not translated. */
const RUNTIME_NAMES: Readonly<Record<string, string>> = {
  electron: 'Electron',
  chrome: 'Chromium',
  node: 'Node.js',
  v8: 'V8',
};

/** The body of the about box: what is running, for a clerk telling support which version. */
export function AboutBox() {
  const { t } = useTranslation();
  const styles = useStyles();
  const info = useAppInfo();
  const runtimes = Object.entries(info.data?.versions ?? {}).filter(([, version]) => version);
  // The name main reports, once known; the product's own name until then.
  const name = info.data?.name ?? t('app.name');
  return (
    <DialogBody>
      <DialogTitle>{t('help.about.title', { name })}</DialogTitle>
      <DialogContent className={styles.content} data-testid="help-about-content">
        <Text as="p" size={200} className={styles.muted}>
          {t('help.about.tagline')}
        </Text>
        {info.isPending ? (
          <Spinner size="tiny" label={t('help.about.loading')} />
        ) : info.isError ? (
          <Text as="p" className={styles.line} role="alert">
            {t('help.about.failed')}
          </Text>
        ) : (
          <>
            <Text
              as="p"
              className={mergeClasses(styles.line, styles.version)}
              data-testid="help-about-version"
            >
              {t('help.about.version', { version: info.data.version })}
            </Text>
            {runtimes.length > 0 && (
              <>
                <h3 className={styles.runtimesHeading}>{t('help.about.runtimes')}</h3>
                <dl className={styles.list} data-testid="help-about-runtimes">
                  {runtimes.map(([key, version]) => (
                    <div key={key} className={styles.pair}>
                      <dt className={styles.term}>{RUNTIME_NAMES[key] ?? key}</dt>
                      <dd className={styles.value}>{version}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <DialogTrigger disableButtonEnhancement action="close">
          <Button appearance="primary" data-testid="help-close">
            {t('help.about.close')}
          </Button>
        </DialogTrigger>
      </DialogActions>
    </DialogBody>
  );
}
