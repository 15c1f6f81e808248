import { randomUUID } from 'node:crypto';
import {
  AUDIT_BATCH_MAX,
  auditViewBatchResponseSchema,
  type AuditView,
} from '../../shared/sync/audit';
import { apiErrorSchema } from '../../shared/sync/auth';
import type { Db } from '../db/connection';
import { OfflineError, UnauthorizedError } from '../sync/feed-client';
import type { ServerSession } from '../sync/session';

/** Opening the same case (or photo) again within this is one view in the trail, not many. */
export const VIEW_REPEAT_MS = 60_000;
const REPORT_DELAY_MS = 2_000;
const REPORT_EVERY_MS = 30_000;

interface ViewRow {
  id: string;
  case_id: string;
  photo_sha256: string | null;
  viewed_at: string;
}

/** The server refused one view of a batch (`views.<index>...`): it can never be stored. */
class ViewRefused extends Error {
  constructor(readonly index: number) {
    super(`The server refused view ${index}`);
  }
}

async function postViews(
  session: Pick<ServerSession, 'serverUrl' | 'signal'>,
  token: string,
  views: AuditView[],
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL('/audit/views', session.serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ views }),
      signal: session.signal,
    });
  } catch (error) {
    throw new OfflineError(`Server not reachable: ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (response.ok && auditViewBatchResponseSchema.safeParse(safeJson(text)).success) return;
  if (response.status === 401) throw new UnauthorizedError('Audit report: 401');
  if (response.status === 400) {
    const field = apiErrorSchema.safeParse(safeJson(text)).data?.error.field ?? '';
    const index = /^views\.(\d+)/.exec(field)?.[1];
    if (index !== undefined) throw new ViewRefused(Number(index));
  }
  throw new OfflineError(`Audit report: server answered ${response.status}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Keeps every case and photo the clerk opens for the server's audit trail: written to SQLite at
 * once, sent in batches when online, deleted once the server has them. A view the server refuses
 * outright (it can never be stored) is dropped so the rest go on.
 */
export class AuditReporter {
  private timer: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly session: Pick<
      ServerSession,
      'serverUrl' | 'signal' | 'username' | 'authorized'
    >,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records that the signed-in clerk opened a case or photo; false for a recent repeat. */
  record(view: { caseId: string; photoSha256?: string | undefined }): boolean {
    const author = this.session.username;
    if (!author) return false;
    const at = this.now();
    const since = new Date(at.getTime() - VIEW_REPEAT_MS).toISOString();
    const photo = view.photoSha256 ?? null;
    const recorded = this.db.transaction(() => {
      const recent = this.db
        .prepare(
          `SELECT 1 FROM audit_views WHERE author = ? AND case_id = ? AND photo_sha256 IS ?
             AND viewed_at >= ? LIMIT 1`,
        )
        .get(author, view.caseId, photo, since);
      if (recent) return false;
      this.db
        .prepare(
          `INSERT INTO audit_views (id, case_id, photo_sha256, viewed_at, author)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(randomUUID(), view.caseId, photo, at.toISOString(), author);
      return true;
    })();
    if (recorded) this.soon();
    return recorded;
  }

  start(): void {
    this.stopped = false;
    this.interval = setInterval(() => this.soon(), REPORT_EVERY_MS);
    this.interval.unref();
    this.soon();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.interval) clearInterval(this.interval);
    await this.running?.catch(() => undefined);
  }

  /** Sends what is waiting now (tests; also what the timers call). */
  flush(): Promise<void> {
    this.running ??= this.send().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private soon(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => undefined);
    }, REPORT_DELAY_MS);
    this.timer.unref();
  }

  private async send(): Promise<void> {
    const author = this.session.username;
    if (!author) return;
    for (;;) {
      const rows = this.db
        .prepare(
          `SELECT id, case_id, photo_sha256, viewed_at FROM audit_views
            WHERE author = ? ORDER BY seq LIMIT ?`,
        )
        .all(author, AUDIT_BATCH_MAX) as ViewRow[];
      if (rows.length === 0) return;
      const views: AuditView[] = rows.map((row) => ({
        id: row.id,
        caseId: row.case_id,
        ...(row.photo_sha256 ? { photoSha256: row.photo_sha256 } : {}),
        viewedAt: row.viewed_at,
      }));
      try {
        await this.session.authorized((token) => postViews(this.session, token, views));
      } catch (error) {
        if (!(error instanceof ViewRefused)) throw error;
        const refused = rows[error.index];
        if (!refused) throw error;
        console.warn('[audit] the server refused one recorded view; it is dropped');
        this.db.prepare('DELETE FROM audit_views WHERE id = ?').run(refused.id);
        continue;
      }
      const remove = this.db.prepare('DELETE FROM audit_views WHERE id = ?');
      this.db.transaction(() => {
        for (const row of rows) remove.run(row.id);
      })();
      if (rows.length < AUDIT_BATCH_MAX) return;
    }
  }
}
