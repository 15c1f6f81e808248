import type {
  AppCommand,
  AppInfo,
  ContractImpl,
  EventName,
  EventPayload,
} from '../shared/contract';
import { AuditReporter } from './audit/reporter';
import { diagnosticsCallsImpl, type SaveDiagnostics } from './diagnostics/calls';
import { CaseLinks } from './links/case-link';
import { settingsCallsImpl } from './settings/calls';
import { SettingsService } from './settings/service';
import { openDatabase } from './db/connection';
import { scheduleRetention } from './privacy/retention';
import { caseCallsImpl } from './cases/calls';
import { listCases } from './cases/list';
import { ArrivalWatcher } from './messaging/arrivals';
import { messageCallsImpl } from './messaging/calls';
import { ConsoleIdentity } from './outbox/identity';
import { OutboxService } from './outbox/service';
import { photoCallsImpl } from './photos/calls';
import { photoDirFor } from './photos/cache-dir';
import { PhotoService, type PhotoFiles } from './photos';
import { SyncEngine } from './sync/engine';
import { sessionCallsImpl } from './session/calls';
import type { SecretVault } from './session/vault';
import { ServerSession } from './sync/session';

export interface MainAppOptions {
  /** The console's SQLite file; ':memory:' in tests. */
  dbPath: string;
  /** Base URL of the field server, e.g. http://127.0.0.1:4100 */
  serverUrl: string;
  /**
   * Sign in with these at start (demo mode, tests, a console configured by its environment);
   * without them the clerk signs in on the login screen.
   */
  credentials?: { username: string; password: string };
  /** Where the session is kept between locks and restarts; default memory only. */
  vault?: SecretVault;
  /** Minutes without input before the console locks itself; 0 or absent: never. */
  idleLockMinutes?: number;
  /**
   * Days after a case closed until its personal data and photos leave this console; default
   * 30, 0 keeps them (tests, or an office that lets the server's rule alone apply).
   */
  retentionDays?: number;
  /** A better-sqlite3 binary built for this runtime (Electron); the Node build when absent. */
  nativeBinding?: string;
  /** Photo cache folder; default `<db name>-photos` beside the database (':memory:': a temp one). */
  photoDir?: string;
  /** Cap of the photo cache in bytes; default 2 GB. */
  photoCacheBytes?: number;
  /** Photos of disputed cases to fetch ahead in the background; default 0 (on demand only). */
  photoPrefetch?: number;
  /**
   * The clerk's settings (profile file, administrator's preset, environment). Absent: kept in
   * memory, starting from the options above; then idle lock, retention and cache size come from it.
   */
  settings?: SettingsService;
  /** Name, version and runtime versions, for the about box and diagnostics. */
  appInfo?: AppInfo;
  /** The desktop app's save dialog for diagnostics; absent: the renderer downloads the file. */
  saveDiagnostics?: SaveDiagnostics;
  /** The last lines of the log file, for diagnostics. */
  logTail?: () => Promise<string[]>;
}

const MIB = 2 ** 20;

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** The console's main-process services, free of Electron: what both transports serve. */
export interface MainApp {
  readonly impl: ContractImpl;
  /** Verified photo files by hash, for the photo protocol and the browser host's /photo/. */
  readonly photos?: PhotoFiles;
  /** A `kvue://case/<id>` link: the renderer shows that case now, or once the clerk is signed in. */
  openCase?(caseId: string): void;
  /** A menu item for the renderer (settings, shortcut overview, diagnostics, about). */
  sendCommand?(command: AppCommand): void;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

/**
 * Opens the local database, starts syncing, and returns the contract implementation. Both the
 * Electron glue and the browser host serve exactly this object.
 */
export async function startMainApp(options: MainAppOptions): Promise<MainApp> {
  const db = openDatabase(
    options.dbPath,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const listeners = new Set<EventListener>();
  const emit: EventListener = (name, payload) => {
    for (const listener of listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        console.error('[main] event listener failed', error);
      }
    }
  };
  const settings =
    options.settings ??
    new SettingsService({
      defaults: {
        idleLockMinutes: options.idleLockMinutes ?? 0,
        ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
      },
    });
  const initial = settings.values;
  const session = new ServerSession(options.serverUrl, {
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.vault ? { vault: options.vault } : {}),
    idleLockMinutes: initial.idleLockMinutes,
  });
  session.onChange((info) => {
    engine.sessionChanged(info.state === 'signed_in');
    emit('session.changed', info);
  });
  const engine = new SyncEngine({
    db,
    session,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    onStatus: (status) => {
      emit('sync.status', status);
      outbox.syncStatusChanged(status);
    },
    onChanged: (changed) => {
      emit('data.changed', changed);
      photos.onFeedChanged();
      if (changed.entities.includes('messages')) void arrivals.look();
    },
  });
  const outbox = new OutboxService({
    db,
    session,
    onChanged: (changed) => emit('data.changed', changed),
    onApplied: () => engine.requestPull(),
  });

  // "Mine" and claim ownership need the clerk's id, also offline (the last login's is kept).
  const identity = new ConsoleIdentity(db, session);
  const arrivals = new ArrivalWatcher({
    db,
    me: () => identity.known()?.id ?? null,
    markDelivered: (messageIds) =>
      outbox.impl['messages.markMany']({ messageIds, state: 'delivered' }),
    announce: (messages) => emit('messages.arrived', { messages }),
  });

  const photoDir = await photoDirFor(options.dbPath, options.photoDir);
  const photos = new PhotoService({
    db,
    session,
    dir: photoDir.dir,
    capBytes: options.photoCacheBytes ?? initial.photoCacheMb * MIB,
    ...(options.photoPrefetch === undefined ? {} : { prefetch: options.photoPrefetch }),
    onChanged: () => emit('data.changed', { entities: ['photos'] }),
  });

  // Who opened which case and photo, for the server's audit trail (issue #7).
  const audit = new AuditReporter(db, session);

  const links = new CaseLinks((link) => emit('app.openCase', link));
  const appInfo: AppInfo = options.appInfo ?? {
    name: 'KVÜ Innendienst',
    version: 'dev',
    versions: { node: process.versions.node },
  };
  const offSettings = settings.onChange((view) => {
    // What can change while running does so now; the rest waits for the restart the view names.
    session.setIdleLockMinutes(view.values.idleLockMinutes);
    if (options.photoCacheBytes === undefined) photos.setCapBytes(view.values.photoCacheMb * MIB);
    emit('settings.changed', view);
  });

  const impl: ContractImpl = {
    'cases.list': async (input) => listCases(db, input),
    'sync.status': async () => engine.getStatus(),
    'session.me': async () => identity.known(),
    ...outbox.impl,
    ...photoCallsImpl(photos),
    ...caseCallsImpl(db, { me: () => identity.known()?.id ?? null }),
    ...messageCallsImpl(db, { me: () => identity.known() }),
    ...sessionCallsImpl(session),
    'audit.viewed': async (view) => ({ recorded: audit.record(view) }),
    ...settingsCallsImpl(settings),
    'app.info': async () => appInfo,
    'app.takeOpenCase': async () => links.take(),
    ...diagnosticsCallsImpl(
      () => ({
        db,
        app: appInfo,
        settings: settings.view(),
        sync: engine.getStatus(),
        photos: photos.status(),
        session: session.info(),
        ...(options.logTail ? { logTail: options.logTail } : {}),
      }),
      options.saveDiagnostics,
    ),
  };

  await photos.start();
  const retentionDays = options.retentionDays ?? initial.retentionDays;
  const stopRetention =
    retentionDays > 0
      ? scheduleRetention(db, {
          days: retentionDays,
          photoDir: photoDir.dir,
          onRemoved: () => emit('data.changed', { entities: ['cases', 'photos'] }),
        })
      : () => undefined;
  engine.start();
  outbox.start();
  audit.start();
  // Messages a crash left unmarked, or that came while no one looked.
  void arrivals.look();
  return {
    impl,
    photos: photos.files,
    openCase(caseId) {
      links.open({ caseId });
    },
    sendCommand(command) {
      emit('app.command', { command });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      offSettings();
      stopRetention();
      await outbox.stop();
      await audit.stop();
      await engine.stop();
      await photos.stop();
      session.close();
      db.close();
      await photoDir.dispose();
    },
  };
}
