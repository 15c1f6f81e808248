import type Database from 'better-sqlite3';
import { finishBulkLoad, isBulkLoading } from './bulk-load';
import { MIGRATIONS, type Migration } from './migrations';
import { migration0009 } from './migrations/0009-bulk-load';

const BULK_LOAD_VERSION = migration0009.version;

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `The local database has schema version ${found}, but this console knows only up to ${known}. ` +
        'It was written by a newer version of the console; update the console instead of opening it with this one.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the newest schema. Each migration and its version bump commit together,
 * so a crash leaves the database at a version it can continue from.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  const known = migrations.length;
  const current = schemaVersion(db);
  if (current > known) throw new SchemaTooNewError(current, known);
  // A migration may change what an interrupted initial sync parked: build it first.
  if (current < known && current >= BULK_LOAD_VERSION && isBulkLoading(db)) finishBulkLoad(db);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
