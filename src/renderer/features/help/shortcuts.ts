import type { Translation } from '../../i18n/locales/de';

/**
 * Every keyboard shortcut of the console, grouped by area, as data: the overview (F1) renders
 * from here, so a new key is one entry here plus its text in `help.what`. The comment on each
 * group names where its keys are handled; keep both in step.
 */

/** A key whose name depends on the language (Strg/Ctrl, Eingabe/Enter, Bild↑/PgUp …). */
export type NamedKey = keyof Translation['help']['keys'];
type Letter = 'A' | 'E' | 'F' | 'L' | 'N' | 'R';
type Sign = '/' | ',' | '0' | '1' | '7';
/** One key cap: named keys are translated, letters and signs print as they are. */
export type Cap = NamedKey | Letter | Sign;

/**
 * Keys pressed together, in order (modifiers first). An inner list is one of several keys in that
 * place, printed "↑/↓": the same action in two directions.
 */
export type Combo = readonly (Cap | readonly Cap[])[];

export type ShortcutId = keyof Translation['help']['what'];
export type GroupId = keyof Translation['help']['groups'];

export interface Shortcut {
  /** Also the description's key in `help.what`. */
  id: ShortcutId;
  keys: readonly Combo[];
  /** How several combos relate: alternatives (default), a range, or one after the other. */
  join?: keyof Translation['help']['join'];
  /** Shown only to those who may dispatch (team leads); the others do not have that area. */
  dispatchersOnly?: boolean;
}

export interface ShortcutGroup {
  id: GroupId;
  shortcuts: readonly Shortcut[];
  dispatchersOnly?: boolean;
  /** A line below the table, for what is not a key but belongs to it. */
  note?: keyof Translation['help']['notes'];
}

const ARROWS_UP_DOWN = ['up', 'down'] as const;

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    // HelpCenter (F1), settings/SettingsButton, components/areas, session/use-idle-lock; the
    // view zoom and full screen are the desktop menu's roles (main/electron/menu.ts).
    id: 'general',
    shortcuts: [
      { id: 'overview', keys: [['f1']] },
      { id: 'settings', keys: [['ctrl', ',']] },
      { id: 'toQueue', keys: [['alt', 'A']] },
      { id: 'toMessages', keys: [['alt', 'N']] },
      { id: 'toDispatch', keys: [['alt', 'R']], dispatchersOnly: true },
      { id: 'lock', keys: [['ctrl', 'shift', 'L']] },
      { id: 'closeDialog', keys: [['esc']] },
      {
        id: 'zoom',
        keys: [
          ['ctrl', 'plus'],
          ['ctrl', 'minus'],
        ],
      },
      { id: 'zoomReset', keys: [['ctrl', '0']] },
      { id: 'fullScreen', keys: [['f11']] },
    ],
  },
  {
    // cases/CaseGrid + cases/keyboard (rows), queue/QueueScreen (Esc), queue/use-queue-keys
    // (search, views), queue/QueueToolbar (keys in the search box), cases/CaseGridHeader (sort).
    id: 'queue',
    shortcuts: [
      { id: 'queueMove', keys: [[ARROWS_UP_DOWN]] },
      { id: 'queuePage', keys: [[['pageUp', 'pageDown']]] },
      { id: 'queueEnds', keys: [[['home', 'end']]] },
      { id: 'queueOpen', keys: [['enter']] },
      { id: 'queueClose', keys: [['esc']] },
      { id: 'queueSelect', keys: [['space']] },
      { id: 'queueExtend', keys: [['shift', ARROWS_UP_DOWN]] },
      { id: 'queueSelectPage', keys: [['ctrl', 'A']] },
      { id: 'queueSearch', keys: [['/'], ['ctrl', 'F']] },
      { id: 'queueSearchRun', keys: [['enter']] },
      { id: 'queueSearchLeave', keys: [['down']] },
      {
        id: 'queueViews',
        keys: [
          ['alt', '1'],
          ['alt', '7'],
        ],
        join: 'to',
      },
      { id: 'queueSort', keys: [['tab'], ['enter']], join: 'then' },
    ],
  },
  {
    // decision/DecisionPanel (Alt+E, Strg+Eingabe), decision/BulkDecisionDialog,
    // case-pane/MessageOfficerDialog.
    id: 'case',
    shortcuts: [
      { id: 'decisionJump', keys: [['alt', 'E']] },
      { id: 'decisionSubmit', keys: [['ctrl', 'enter']] },
      { id: 'bulkSubmit', keys: [['ctrl', 'enter']] },
      { id: 'officerMessageSend', keys: [['ctrl', 'enter']] },
    ],
  },
  {
    // photos/PhotoThumb (a button), photos/viewer-state `viewerKey`, the Fluent dialog (Esc).
    id: 'photos',
    shortcuts: [
      { id: 'photoOpen', keys: [['enter']] },
      { id: 'photoPage', keys: [[['pageUp', 'pageDown']]] },
      { id: 'photoArrows', keys: [[['left', 'right']]] },
      { id: 'photoPan', keys: [[ARROWS_UP_DOWN]] },
      { id: 'photoZoom', keys: [['plus'], ['minus']] },
      { id: 'photoFit', keys: [['0']] },
      { id: 'photoRotate', keys: [['R']] },
      { id: 'photoFullscreen', keys: [['F']] },
      { id: 'photoClose', keys: [['esc']] },
    ],
    note: 'photos',
  },
  {
    // messages/MessagesScreen (search, Esc), ConversationList `useListboxKeys` (also the search
    // hits), MessageList (history), Composer (send, new line, cancel the reply).
    id: 'messages',
    shortcuts: [
      { id: 'messagesSearch', keys: [['/'], ['ctrl', 'F']] },
      { id: 'messagesSearchClear', keys: [['esc']] },
      { id: 'messagesList', keys: [[ARROWS_UP_DOWN], [['home', 'end']]] },
      { id: 'messagesScroll', keys: [[ARROWS_UP_DOWN]] },
      { id: 'messagesEnds', keys: [['ctrl', ['home', 'end']]] },
      { id: 'messagesSend', keys: [['enter']] },
      { id: 'messagesNewLine', keys: [['shift', 'enter']] },
      { id: 'messagesCancelReply', keys: [['esc']] },
      { id: 'messagesCloseCase', keys: [['esc']] },
    ],
  },
  {
    // dispatch/DispatchScreen (`useListboxKeys`), dispatch/DispatchForm.
    id: 'dispatch',
    dispatchersOnly: true,
    shortcuts: [
      { id: 'dispatchList', keys: [[ARROWS_UP_DOWN], [['home', 'end']]] },
      { id: 'dispatchSend', keys: [['ctrl', 'enter']] },
    ],
  },
];

/** The groups and shortcuts this clerk has: dispatching is for team leads only. */
export function visibleGroups(mayDispatch: boolean): ShortcutGroup[] {
  return SHORTCUT_GROUPS.filter((group) => mayDispatch || !group.dispatchersOnly).map((group) => ({
    ...group,
    shortcuts: group.shortcuts.filter((s) => mayDispatch || !s.dispatchersOnly),
  }));
}

// A Record, so a key added to `help.keys` without being listed here fails the type check.
const NAMED_KEYS: Record<NamedKey, true> = {
  ctrl: true,
  shift: true,
  alt: true,
  enter: true,
  space: true,
  esc: true,
  tab: true,
  up: true,
  down: true,
  left: true,
  right: true,
  pageUp: true,
  pageDown: true,
  home: true,
  end: true,
  plus: true,
  minus: true,
  f1: true,
  f11: true,
};

export function isNamedKey(cap: Cap): cap is NamedKey {
  return Object.hasOwn(NAMED_KEYS, cap);
}

/** F1 opens the overview; with a modifier it is some other program's key. */
export function isOverviewKey(event: {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}): boolean {
  return event.key === 'F1' && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
}
