import {
  Button,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayDispatch } from '../../api/use-dispatch';
import { KeyCombo } from './KeyCombo';
import { type ShortcutGroup, visibleGroups } from './shortcuts';

const useStyles = makeStyles({
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxHeight: 'calc(100vh - 200px)',
    paddingRight: tokens.spacingHorizontalS,
    // Focusable so the keyboard scrolls it; the ring sits inside, not over the dialog's edge.
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `-${tokens.strokeWidthThick}`,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    // The same key column in every group, so the tables line up as one list.
    tableLayout: 'fixed',
  },
  keysCol: { width: '190px' },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  row: {
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':last-child': { borderBottom: 'none' },
  },
  keys: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXS} 0`,
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
    verticalAlign: 'top',
  },
  what: {
    padding: `${tokens.spacingVerticalXXS} 0`,
    verticalAlign: 'top',
    lineHeight: tokens.lineHeightBase300,
  },
  note: { margin: `${tokens.spacingVerticalXXS} 0 0`, color: tokens.colorNeutralForeground3 },
});

function GroupTable({ group }: { group: ShortcutGroup }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const headingId = `help-shortcuts-${group.id}`;
  return (
    <section
      className={styles.group}
      aria-labelledby={headingId}
      data-testid="help-group"
      data-group={group.id}
    >
      <h3 id={headingId} className={styles.heading}>
        {t(`help.groups.${group.id}`)}
      </h3>
      <table className={styles.table} aria-labelledby={headingId}>
        <colgroup>
          <col className={styles.keysCol} />
          <col />
        </colgroup>
        <thead className={styles.hidden}>
          <tr>
            <th scope="col">{t('help.shortcuts.keysColumn')}</th>
            <th scope="col">{t('help.shortcuts.whatColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {group.shortcuts.map((shortcut) => (
            <tr key={shortcut.id} className={styles.row} data-shortcut={shortcut.id}>
              <th scope="row" className={styles.keys}>
                <KeyCombo shortcut={shortcut} />
              </th>
              <td className={styles.what}>{t(`help.what.${shortcut.id}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {group.note && (
        <Text size={200} as="p" className={styles.note}>
          {t(`help.notes.${group.note}`)}
        </Text>
      )}
    </section>
  );
}

const LINE_PX = 40;

/** How far a key scrolls the list, or null if it is not a scrolling key. */
function scrollFor(key: string, list: HTMLElement): number | null {
  const page = list.clientHeight * 0.9;
  switch (key) {
    case 'ArrowDown':
      return LINE_PX;
    case 'ArrowUp':
      return -LINE_PX;
    case 'PageDown':
      return page;
    case 'PageUp':
      return -page;
    case 'Home':
      return -list.scrollHeight;
    case 'End':
      return list.scrollHeight;
    default:
      return null;
  }
}

/** The body of the F1 dialog: every shortcut of the console, one compact table per area. */
export function ShortcutsOverview() {
  const { t } = useTranslation();
  const styles = useStyles();
  const groups = visibleGroups(useMayDispatch());
  const list = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  // The close button takes the focus, not the list: a ring around the whole list on every F1
  // would be noise. A frame later, after the dialog has focused its first focusable element.
  useEffect(() => {
    const frame = requestAnimationFrame(() => closeButton.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  // The arrows and page keys scroll the list wherever the focus is in the dialog, as a clerk who
  // has just pressed F1 expects.
  const onKeyDown = (event: KeyboardEvent) => {
    const element = list.current;
    if (!element || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.target === element) return;
    const by = scrollFor(event.key, element);
    if (by === null) return;
    event.preventDefault();
    element.scrollBy({ top: by });
  };

  return (
    <DialogBody onKeyDown={onKeyDown}>
      <DialogTitle>{t('help.shortcuts.title')}</DialogTitle>
      <DialogContent
        ref={list}
        className={styles.content}
        // Long lists scroll here; focusable so the keyboard reaches it like any scroll area.
        tabIndex={0}
        aria-label={t('help.shortcuts.title')}
        role="region"
        data-testid="help-shortcuts-list"
      >
        <Text as="p" size={200} className={styles.intro}>
          {t('help.shortcuts.intro')}
        </Text>
        {groups.map((group) => (
          <GroupTable key={group.id} group={group} />
        ))}
      </DialogContent>
      <DialogActions>
        <DialogTrigger disableButtonEnhancement action="close">
          <Button ref={closeButton} appearance="primary" data-testid="help-close">
            {t('help.shortcuts.close')}
          </Button>
        </DialogTrigger>
      </DialogActions>
    </DialogBody>
  );
}
