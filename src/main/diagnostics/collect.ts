import { arch, homedir, platform, release, totalmem, userInfo } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { AppInfo, SessionInfo, SettingsView, SyncStatus } from '../../shared/contract';
import type { PhotoCacheStatus } from '../../shared/contract/photo-calls';

/** Lines of the log kept in the bundle: enough for the last start and sync, little to read. */
export const LOG_TAIL_LINES = 400;

export interface DiagnosticsSources {
  db: Database;
  app: AppInfo;
  settings: SettingsView;
  sync: SyncStatus;
  photos: PhotoCacheStatus;
  session: SessionInfo;
  /** The last lines of the log file; absent where the host logs to the terminal only. */
  logTail?: () => Promise<string[]>;
  now?: () => Date;
}

/** Counts by a column; the column holds codes (states, kinds), never what a person wrote. */
function countsBy(db: Database, sql: string): Record<string, number> {
  const rows = db.prepare<[], { key: string | null; n: number }>(sql).all();
  return Object.fromEntries(rows.map((row) => [row.key ?? 'none', row.n]));
}

/**
 * What support needs to help a clerk: versions, settings, sync and outbox state, the photo cache
 * and the end of the log. Built from counts and codes only: no case, plate, name, statement or
 * message text, and the clerk's own name is blanked out of the log lines.
 */
export async function collectDiagnostics(sources: DiagnosticsSources): Promise<string> {
  const { db } = sources;
  const now = (sources.now ?? (() => new Date()))();
  const pragma = (name: string) => db.pragma(name, { simple: true }) as number;
  const oldestPending = db
    .prepare<[], { at: string | null }>(
      `SELECT min(created_at) AS at FROM outbox WHERE state IN ('pending', 'pushing')`,
    )
    .get();
  const bundle = {
    kind: 'kvue-desk diagnostics',
    createdAt: now.toISOString(),
    app: sources.app,
    system: {
      platform: platform(),
      release: release(),
      arch: arch(),
      memoryMb: Math.round(totalmem() / 2 ** 20),
    },
    settings: {
      values: sources.settings.values,
      saved: sources.settings.saved,
      sources: sources.settings.sources,
      locked: sources.settings.locked,
      issues: sources.settings.issues,
      restartPending: sources.settings.restartPending,
      presetFile: sources.settings.files.preset,
      userFile: sources.settings.files.user,
    },
    session: { state: sources.session.state, ended: sources.session.ended },
    sync: {
      state: sources.sync.state,
      cursor: sources.sync.cursor,
      lastSyncedAt: sources.sync.lastSyncedAt,
      caseCount: sources.sync.caseCount,
      error: sources.sync.error,
    },
    database: {
      schemaVersion: pragma('user_version'),
      sizeMb: Math.round((pragma('page_count') * pragma('page_size')) / 2 ** 20),
      journalMode: db.pragma('journal_mode', { simple: true }),
      casesByStatus: countsBy(db, 'SELECT status AS key, count(*) AS n FROM cases GROUP BY 1'),
      messages: countsBy(db, `SELECT 'all' AS key, count(*) AS n FROM messages`).all ?? 0,
    },
    outbox: {
      byKindAndState: countsBy(
        db,
        `SELECT kind || ':' || state AS key, count(*) AS n FROM outbox GROUP BY 1`,
      ),
      answerCodes: countsBy(
        db,
        `SELECT code AS key, count(*) AS n FROM outbox WHERE code IS NOT NULL GROUP BY 1`,
      ),
      oldestPendingAt: oldestPending?.at ?? null,
    },
    photos: sources.photos,
    log: await readTail(sources.logTail),
  };
  // Paths under the profile carry the Windows account name; log lines may carry the clerk's.
  return blankPersonal(`${JSON.stringify(bundle, null, 2)}\n`, [
    { text: homedir(), as: '%USERPROFILE%' },
    { text: JSON.stringify(homedir()).slice(1, -1), as: '%USERPROFILE%' },
    { text: osUser(), as: '<Konto>' },
    { text: sources.session.username, as: '<Benutzer>' },
    { text: sources.session.displayName, as: '<Benutzer>' },
  ]);
}

async function readTail(logTail: DiagnosticsSources['logTail']): Promise<string[]> {
  if (!logTail) return [];
  try {
    return (await logTail()).slice(-LOG_TAIL_LINES);
  } catch (error) {
    return [`(log not readable: ${(error as Error).message})`];
  }
}

/** Replaces each text, longest first (the home folder before the account name inside it). */
function blankPersonal(json: string, texts: { text: string | null; as: string }[]): string {
  let result = json;
  const known = texts
    .filter((entry): entry is { text: string; as: string } => (entry.text?.length ?? 0) >= 3)
    .sort((a, b) => b.text.length - a.text.length);
  for (const { text, as } of known) {
    result = result.replace(new RegExp(escapeRegExp(text), 'gi'), as);
  }
  return result;
}

function osUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `kvue-diagnose-2026-11-29T10-15-00Z.json`: sortable, and valid on every file system. */
export function diagnosticsFileName(at: Date): string {
  return `kvue-diagnose-${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')}.json`;
}
