import {
  Button,
  makeStyles,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  tokens,
} from '@fluentui/react-components';
import { KeyboardRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  title: {
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
  },
  keys: {
    margin: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
  },
  what: { margin: 0 },
});

/** Keys first, in German notation (Strg, Umschalt, Leertaste); the order of a working session. */
const SHORTCUTS = [
  'move',
  'open',
  'close',
  'select',
  'extend',
  'selectPage',
  'search',
  'views',
  'sort',
] as const;

/** The keyboard-shortcut list, behind a small button at the end of the toolbar. */
export function ShortcutHelp() {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Popover positioning="below-end" withArrow>
      <PopoverTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<KeyboardRegular />} data-testid="shortcuts-button">
          {t('queue.shortcuts.button')}
        </Button>
      </PopoverTrigger>
      <PopoverSurface aria-labelledby="queue-shortcuts-title" data-testid="shortcuts">
        <h2 id="queue-shortcuts-title" className={styles.title}>
          {t('queue.shortcuts.title')}
        </h2>
        <dl className={styles.list}>
          {SHORTCUTS.map((id) => (
            <div key={id} style={{ display: 'contents' }}>
              <dt className={styles.keys}>{t(`queue.shortcuts.keys.${id}`)}</dt>
              <dd className={styles.what}>{t(`queue.shortcuts.what.${id}`)}</dd>
            </div>
          ))}
        </dl>
      </PopoverSurface>
    </Popover>
  );
}
