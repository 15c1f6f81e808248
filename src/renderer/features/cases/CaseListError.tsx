import { Button } from '@fluentui/react-components';
import { ErrorCircleRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { ListMessage } from './ListMessage';

/** The list could not be loaded at all: say so plainly and offer to try again. */
export function CaseListError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <ListMessage
      testId="cases-error"
      icon={<ErrorCircleRegular />}
      title={t('cases.error.title')}
      body={t('cases.error.body')}
      action={
        <Button appearance="primary" onClick={onRetry}>
          {t('cases.error.retry')}
        </Button>
      }
    />
  );
}
