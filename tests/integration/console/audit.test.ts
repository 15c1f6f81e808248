import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { migrate, schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { DEMO_PASSWORD, demoLogin, startServer } from '../../../src/server';
import { auditListSchema } from '../../../src/shared/sync/audit';
import { login } from '../server/support/client';
import { call, waitFor } from './support/calls';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('the audit trail of what a clerk opened', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-audit-'));
  let server: Server;
  let app: MainApp;
  let admin: string;

  beforeAll(async () => {
    server = await startServer({ seed: { cases: 10 } });
    admin = (await login(server.url, demoLogin('admin').username, DEMO_PASSWORD)).accessToken;
    app = await startMainApp({
      dbPath: join(dir, 'console.sqlite'),
      serverUrl: server.url,
      credentials: demoLogin('clerk'),
    });
    await waitFor(async () => expect((await call(app, 'sync.status', {})).caseCount).toBe(10));
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function trail(caseId: string) {
    const response = await fetch(`${server.url}/audit/views?caseId=${caseId}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    return auditListSchema.parse(await response.json()).views;
  }

  it('reaches the server under the clerk who opened the case and the photo, once', async () => {
    const page = await call(app, 'cases.queue', { view: 'all', offset: 0, limit: 1 });
    const caseId = page.rows[0]?.id;
    if (!caseId) throw new Error('no case in the queue');
    const photo = 'cd'.repeat(32);

    expect(await call(app, 'audit.viewed', { caseId })).toEqual({ recorded: true });
    // Opening it again at once is the same look at the case, not a second one.
    expect(await call(app, 'audit.viewed', { caseId })).toEqual({ recorded: false });
    expect(await call(app, 'audit.viewed', { caseId, photoSha256: photo })).toEqual({
      recorded: true,
    });

    await waitFor(async () => expect(await trail(caseId)).toHaveLength(2), 15_000);
    const views = await trail(caseId);
    expect(views.map((v) => [v.username, v.photoSha256])).toEqual([
      ['demo.clerk', photo],
      ['demo.clerk', null],
    ]);
  });

  it('refuses a view of something that is not a case id, recording nothing', async () => {
    await expect(call(app, 'audit.viewed', { caseId: '../../etc/passwd' })).rejects.toThrow(
      /caseId/,
    );
  });
});

describe('migration 0014: audit views', () => {
  it('adds an empty queue of views and keeps the outbox', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 13));
    db.prepare(
      `INSERT INTO outbox (id, kind, mutation, state, created_at, updated_at)
       VALUES ('o1', 'claim', '{}', 'pending', '2026-11-20T08:00:00Z', '2026-11-20T08:00:00Z')`,
    ).run();
    migrate(db, MIGRATIONS.slice(0, 14));
    expect(schemaVersion(db)).toBe(14);
    expect(db.prepare('SELECT count(*) AS n FROM audit_views').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT id FROM outbox').all()).toEqual([{ id: 'o1' }]);
  });
});
