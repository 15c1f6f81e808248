import { makeStyles, tokens } from '@fluentui/react-components';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { type Cap, type Combo, isNamedKey, type Shortcut } from './shortcuts';

const useStyles = makeStyles({
  keys: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: '3px',
    rowGap: '2px',
  },
  kbd: {
    display: 'inline-block',
    minWidth: '1.4em',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    boxSizing: 'border-box',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottomWidth: tokens.strokeWidthThick,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    textAlign: 'center',
    whiteSpace: 'nowrap',
  },
  // "+", "/" and "oder" between caps: quieter than the keys themselves.
  joiner: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
});

/** One key cap as `<kbd>`; Strg/Ctrl and the like in the UI language. */
function KeyCap({ cap }: { cap: Cap }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return <kbd className={styles.kbd}>{isNamedKey(cap) ? t(`help.keys.${cap}`) : cap}</kbd>;
}

function ComboKeys({ combo }: { combo: Combo }) {
  const styles = useStyles();
  return combo.map((place, index) => (
    <Fragment key={index}>
      {index > 0 && <span className={styles.joiner}>+</span>}
      {typeof place === 'string' ? (
        <KeyCap cap={place} />
      ) : (
        place.map((cap, i) => (
          <Fragment key={cap}>
            {i > 0 && <span className={styles.joiner}>/</span>}
            <KeyCap cap={cap} />
          </Fragment>
        ))
      )}
    </Fragment>
  ));
}

/**
 * The keys of a shortcut: each key a `<kbd>`, combined with "+", places with a choice as "↑/↓",
 * and several combinations joined by "oder", "bis" or "dann".
 */
export function KeyCombo({ shortcut }: { shortcut: Shortcut }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const join = t(`help.join.${shortcut.join ?? 'or'}`);
  return (
    <span className={styles.keys}>
      {shortcut.keys.map((combo, index) => (
        <Fragment key={index}>
          {index > 0 && <span className={styles.joiner}>{join}</span>}
          <ComboKeys combo={combo} />
        </Fragment>
      ))}
    </span>
  );
}
