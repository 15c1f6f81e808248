import { makeStyles, tokens } from '@fluentui/react-components';
import {
  COLUMN_GAP,
  GRID_MIN_WIDTH,
  GRID_TEMPLATE_COLUMNS,
  HEADER_HEIGHT,
  ROW_HEIGHT,
  ROW_PADDING_INLINE,
} from './columns';

/**
 * The column layout is set on the grid element as custom properties (it changes when the case
 * pane opens); header and rows read them, with the full layout as fallback.
 */
export const GRID_TEMPLATE_VAR = '--kvue-grid-template';
export const GRID_MIN_WIDTH_VAR = '--kvue-grid-min-width';
const template = `var(${GRID_TEMPLATE_VAR}, ${GRID_TEMPLATE_COLUMNS})`;
const minWidth = `var(${GRID_MIN_WIDTH_VAR}, ${GRID_MIN_WIDTH}px)`;

/** Layout shared by the header row and the body rows, so their columns always line up. */
export const useRowLayoutStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: template,
    columnGap: `${COLUMN_GAP}px`,
    alignItems: 'center',
    boxSizing: 'border-box',
    paddingInline: `${ROW_PADDING_INLINE}px`,
    width: '100%',
    minWidth,
  },
  cell: {
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  // The checkbox sits in the middle of the row, not on the text baseline.
  center: {
    display: 'flex',
    alignItems: 'center',
  },
  end: {
    textAlign: 'end',
    // Amounts line up by their digits.
    fontVariantNumeric: 'tabular-nums',
  },
});

/** The row layout's classes, as a row hands them to its cells. */
export type RowLayout = ReturnType<typeof useRowLayoutStyles>;

export const useGridStyles = makeStyles({
  scroller: {
    position: 'relative',
    flexGrow: 1,
    minHeight: 0,
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: {
    minWidth,
    position: 'sticky',
    top: 0,
    zIndex: 1,
    height: `${HEADER_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  headerRow: {
    height: `${HEADER_HEIGHT}px`,
  },
  body: {
    position: 'relative',
    width: '100%',
    minWidth,
  },
  bodyRow: {
    position: 'absolute',
    top: 0,
    left: 0,
    height: `${ROW_HEIGHT}px`,
    // A row's size is fixed and nothing in it reaches outside: rows entering and leaving while
    // the grid scrolls then lay out and paint on their own, not with the whole grid.
    contain: 'strict',
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    cursor: 'default',
    outlineStyle: 'none',
    ':hover': {
      backgroundColor: tokens.colorNeutralBackground1Hover,
    },
    ':focus': {
      backgroundColor: tokens.colorNeutralBackground1Selected,
    },
    // Keyboard focus gets a clear ring, drawn inside so the scroller does not clip it.
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  // Chosen for a bulk decision: a calm tint; the checkbox carries the meaning.
  checkedRow: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
  },
  // The case open in the pane: a bar at the start as well as a tint, so it reads without colour.
  selectedRow: {
    backgroundColor: tokens.colorBrandBackground2,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
});
