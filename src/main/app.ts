import type { ContractImpl, EventName, EventPayload } from '../shared/contract';
import { openDatabase } from './db/connection';
import { listCases } from './cases/list';
import { SyncEngine } from './sync/engine';
import { ServerSession } from './sync/session';

export interface MainAppOptions {
  /** The console's SQLite file; ':memory:' in tests. */
  dbPath: string;
  /** Base URL of the field server, e.g. http://127.0.0.1:4100 */
  serverUrl: string;
  credentials: { username: string; password: string };
  /** A better-sqlite3 binary built for this runtime (Electron); the Node build when absent. */
  nativeBinding?: string;
}

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** The console's main-process services, free of Electron: what both transports serve. */
export interface MainApp {
  readonly impl: ContractImpl;
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
  const session = new ServerSession(options.serverUrl, options.credentials);
  const engine = new SyncEngine({
    db,
    session,
    onStatus: (status) => emit('sync.status', status),
    onChanged: (changed) => emit('data.changed', changed),
  });

  const impl: ContractImpl = {
    'cases.list': async (input) => listCases(db, input),
    'sync.status': async () => engine.getStatus(),
  };

  engine.start();
  return {
    impl,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await engine.stop();
      session.close();
      db.close();
    },
  };
}
