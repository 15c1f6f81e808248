import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** A better-sqlite3 binary built for this runtime, when it differs from node_modules' build. */
  nativeBinding?: string;
}

/** Opens (or creates) the console's database, configured and migrated. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const db = new Database(
    path,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    db.pragma('journal_mode = WAL');
    // FULL (the default, stated here on purpose): a clerk's decision must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
