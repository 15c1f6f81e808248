import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/**
 * Columns that change without any input: the sync engine stamps `last_synced_at` on every pull
 * (its 30 s poll included), whether or not the feed brought anything. Everything else in the
 * console's database only changes because of a call or of the server's feed.
 */
const CLOCK_COLUMNS: Record<string, readonly string[]> = {
  sync_state: ['last_synced_at'],
};

function canonical(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `blob:${value.toString('hex')}`;
  if (typeof value === 'bigint') return `bigint:${value}`;
  return value;
}

/**
 * SHA-256 sums of every row of every table of the console's SQLite file, per table, read through
 * a read-only connection of its own (WAL: each read sees what the app committed last). The
 * outbox, the photo cache's bookkeeping and the sync state are tables of this file, so they are
 * covered too. Rows are sorted by their text, so no table needs a known key.
 */
export class ConsoleTables {
  private readonly db: Database.Database;

  constructor(dbPath: string) {
    this.db = new Database(dbPath, { readonly: true, fileMustExist: true });
  }

  /** Per table, so a failure names the table that changed. */
  checksums(): Record<string, string> {
    // One read transaction: all tables as of the same commit.
    return this.db.transaction(() => {
      const tables = this.db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all();
      const sums: Record<string, string> = {};
      for (const { name } of tables) {
        const skip = CLOCK_COLUMNS[name] ?? [];
        const rows = this.db
          .prepare<[], Record<string, unknown>>(`SELECT * FROM "${name.replaceAll('"', '""')}"`)
          .all()
          .map((row) =>
            JSON.stringify(
              Object.entries(row)
                .filter(([column]) => !skip.includes(column))
                .map(([column, value]) => [column, canonical(value)]),
            ),
          )
          .sort();
        sums[name] = createHash('sha256').update(rows.join('\n')).digest('hex');
      }
      return sums;
    })();
  }

  get<T>(sql: string): T | undefined {
    return this.db.prepare<[], T>(sql).get();
  }

  close(): void {
    this.db.close();
  }
}
