import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** A better-sqlite3 binary built for this runtime, when it differs from node_modules' build. */
  nativeBinding?: string;
  /**
   * Map the database file into memory for reading (default true). The queue's filters look up
   * thousands of scattered rows a page; through read() each costs a system call and a copy, and
   * a million-case page mix ran 3–4 times slower (`npm run bench:queue`). Mapped pages count
   * towards the process's resident memory, so a connection that reads whole tables (the pull
   * worker building indexes) leaves it off.
   */
  mapped?: boolean;
}

/** Larger than any console's database is likely to grow; SQLite caps it at its own limit. */
const MMAP_BYTES = 4 * 1024 ** 3;

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
    if (options.mapped ?? true) db.pragma(`mmap_size = ${MMAP_BYTES}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
