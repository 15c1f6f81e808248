import { Button, makeStyles, Text, tokens, Tooltip } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../../shared/contract';
import { PhotoStrip } from '../photos/PhotoStrip';
import { CaseFields } from './CaseFields';

const useStyles = makeStyles({
  pane: {
    width: '380px',
    flexShrink: 0,
    minHeight: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
  },
  hint: { color: tokens.colorNeutralForeground3, marginLeft: 'auto' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export interface CasePaneProps {
  item: CaseListItem;
  onClose: () => void;
}

/** The selected case beside the grid: its fields and photos. */
export function CasePane({ item, onClose }: CasePaneProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const titleId = `case-pane-title-${item.id}`;
  return (
    <aside className={styles.pane} aria-labelledby={titleId} data-testid="case-pane">
      <div className={styles.header}>
        <h2 id={titleId} className={styles.title}>
          {t('casePane.label', { fileNumber: item.fileNumber })}
        </h2>
        <Text size={200} className={styles.hint} aria-hidden>
          {t('casePane.closeHint')}
        </Text>
        <Tooltip content={t('casePane.close')} relationship="label" withArrow>
          <Button appearance="subtle" icon={<DismissRegular />} onClick={onClose} />
        </Tooltip>
      </div>
      <CaseFields item={item} />
      <section className={styles.section} aria-labelledby={`${titleId}-photos`}>
        <h3 id={`${titleId}-photos`} className={styles.heading}>
          {t('casePane.photosHeading')}
        </h3>
        <PhotoStrip key={item.id} caseId={item.id} />
      </section>
    </aside>
  );
}
