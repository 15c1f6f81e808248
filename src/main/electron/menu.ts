import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/contract';

type Language = 'de' | 'en';

const LABELS = {
  de: {
    file: '&Datei',
    settings: 'Einstellungen …',
    diagnostics: 'Diagnose exportieren …',
    lock: 'Sperren',
    signOut: 'Abmelden',
    quit: 'Beenden',
    edit: '&Bearbeiten',
    undo: 'Rückgängig',
    redo: 'Wiederholen',
    cut: 'Ausschneiden',
    copy: 'Kopieren',
    paste: 'Einfügen',
    selectAll: 'Alles auswählen',
    view: '&Ansicht',
    zoomIn: 'Vergrößern',
    zoomOut: 'Verkleinern',
    resetZoom: 'Originalgröße',
    fullScreen: 'Vollbild',
    reload: 'Neu laden',
    devTools: 'Entwicklertools',
    window: '&Fenster',
    minimize: 'Minimieren',
    close: 'Schließen',
    help: '&Hilfe',
    shortcuts: 'Tastenkürzel',
    updates: 'Nach Updates suchen …',
    about: 'Über KVÜ Innendienst',
  },
  en: {
    file: '&File',
    settings: 'Settings …',
    diagnostics: 'Export diagnostics …',
    lock: 'Lock',
    signOut: 'Sign out',
    quit: 'Quit',
    edit: '&Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: '&View',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullScreen: 'Full screen',
    reload: 'Reload',
    devTools: 'Developer tools',
    window: '&Window',
    minimize: 'Minimise',
    close: 'Close',
    help: '&Help',
    shortcuts: 'Keyboard shortcuts',
    updates: 'Check for updates …',
    about: 'About KVÜ Innendienst',
  },
} as const satisfies Record<Language, Record<string, string>>;

export interface MenuActions {
  /** Asks the renderer to open a screen (settings, shortcut overview, diagnostics, about). */
  command(command: AppCommand): void;
  lock(): void;
  signOut(): void;
  /** Present only when updates are enabled by the administrator. */
  checkForUpdates?: () => void;
}

export interface MenuOptions {
  language: Language;
  /** Reload and developer tools, for development only. */
  development: boolean;
}

/**
 * The application menu, in the clerk's language. Keys the renderer handles itself (F1, Strg+,
 * and Strg+Umschalt+L) are shown but not registered, so they work the same in the browser host
 * and are never handled twice.
 */
export function menuTemplate(
  actions: MenuActions,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const l = LABELS[options.language];
  const shownOnly = { registerAccelerator: false } as const;
  return [
    {
      label: l.file,
      submenu: [
        {
          label: l.settings,
          accelerator: 'CmdOrCtrl+,',
          ...shownOnly,
          click: () => actions.command('settings'),
        },
        { label: l.diagnostics, click: () => actions.command('diagnostics') },
        { type: 'separator' },
        { label: l.lock, accelerator: 'CmdOrCtrl+Shift+L', ...shownOnly, click: actions.lock },
        { label: l.signOut, click: actions.signOut },
        { type: 'separator' },
        { label: l.quit, role: 'quit' },
      ],
    },
    {
      label: l.edit,
      submenu: [
        { label: l.undo, role: 'undo' },
        { label: l.redo, role: 'redo' },
        { type: 'separator' },
        { label: l.cut, role: 'cut' },
        { label: l.copy, role: 'copy' },
        { label: l.paste, role: 'paste' },
        { label: l.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: l.view,
      submenu: [
        { label: l.zoomIn, role: 'zoomIn' },
        { label: l.zoomOut, role: 'zoomOut' },
        { label: l.resetZoom, role: 'resetZoom' },
        { type: 'separator' },
        { label: l.fullScreen, role: 'togglefullscreen' },
        ...(options.development
          ? ([
              { type: 'separator' },
              { label: l.reload, role: 'reload' },
              { label: l.devTools, role: 'toggleDevTools' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
      ],
    },
    {
      label: l.window,
      submenu: [
        { label: l.minimize, role: 'minimize' },
        { label: l.close, role: 'close' },
      ],
    },
    {
      label: l.help,
      submenu: [
        {
          label: l.shortcuts,
          accelerator: 'F1',
          ...shownOnly,
          click: () => actions.command('shortcuts'),
        },
        ...(actions.checkForUpdates ? [{ label: l.updates, click: actions.checkForUpdates }] : []),
        { type: 'separator' },
        { label: l.about, click: () => actions.command('about') },
      ],
    },
  ];
}
