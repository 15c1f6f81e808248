import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalXXL,
    textAlign: 'center',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  icon: {
    fontSize: '40px',
    color: tokens.colorNeutralForeground3,
  },
  title: {
    margin: 0,
  },
  body: {
    margin: 0,
    textAlign: 'center',
    maxWidth: '56ch',
    color: tokens.colorNeutralForeground2,
  },
});

/** The calm full-area message the list shows instead of rows (empty, first sync, failure). */
export function ListMessage({
  icon,
  title,
  body,
  action,
  testId,
}: {
  icon: ReactNode;
  title: string;
  body: string;
  action?: ReactNode;
  testId: string;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid={testId} role="status">
      <div className={styles.icon} aria-hidden>
        {icon}
      </div>
      <Text as="h2" size={500} weight="semibold" className={styles.title}>
        {title}
      </Text>
      <Text as="p" className={styles.body}>
        {body}
      </Text>
      {action}
    </div>
  );
}
