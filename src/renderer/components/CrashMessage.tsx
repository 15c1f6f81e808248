import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalL },
});

/** What the clerk sees after a render crash: calm, with one clear action. */
export function CrashMessage({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <MessageBar intent="error" layout="multiline" data-testid="crash-message">
        <MessageBarBody>
          <MessageBarTitle>{t('errors.unexpectedTitle')}</MessageBarTitle>{' '}
          {t('errors.unexpectedBody')}
        </MessageBarBody>
        <MessageBarActions>
          <Button appearance="primary" onClick={onReload}>
            {t('errors.reload')}
          </Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
