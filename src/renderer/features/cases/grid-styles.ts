import { makeStyles, tokens } from '@fluentui/react-components';
import {
  COLUMN_GAP,
  GRID_MIN_WIDTH,
  GRID_TEMPLATE_COLUMNS,
  HEADER_HEIGHT,
  ROW_HEIGHT,
  ROW_PADDING_INLINE,
} from './columns';

/** Layout shared by the header row and the body rows, so their columns always line up. */
export const useRowLayoutStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: GRID_TEMPLATE_COLUMNS,
    columnGap: `${COLUMN_GAP}px`,
    alignItems: 'center',
    boxSizing: 'border-box',
    paddingInline: `${ROW_PADDING_INLINE}px`,
    width: '100%',
    minWidth: `${GRID_MIN_WIDTH}px`,
  },
  cell: {
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  end: {
    textAlign: 'end',
    // Amounts line up by their digits.
    fontVariantNumeric: 'tabular-nums',
  },
});

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
    minWidth: `${GRID_MIN_WIDTH}px`,
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
    minWidth: `${GRID_MIN_WIDTH}px`,
  },
  bodyRow: {
    position: 'absolute',
    top: 0,
    left: 0,
    height: `${ROW_HEIGHT}px`,
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
  // The case open in the pane: a bar at the start as well as a tint, so it reads without colour.
  selectedRow: {
    backgroundColor: tokens.colorBrandBackground2,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
});
