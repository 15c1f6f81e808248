import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startMainApp } from '../../../src/main/app';
import { demoLogin, startServer } from '../../../src/server';
import { call, waitFor } from './support/calls';

/** Every string value under the given keys, anywhere in `value`. */
function valuesOf(value: unknown, keys: ReadonlySet<string>, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) valuesOf(item, keys, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (keys.has(key) && typeof inner === 'string' && inner.length >= 4) found.push(inner);
      else valuesOf(inner, keys, found);
    }
  }
  return found;
}

describe('logs of a full review session', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-pii-'));
  const log: string[] = [];
  const capture = (...args: unknown[]) => void log.push(format(...args));
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(capture),
  );
  afterAll(() => {
    for (const spy of spies) spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hold no plate, address, statement, message, decision text or password', async () => {
    const clerk = demoLogin('clerk');
    const server = await startServer({
      seed: { cases: 40 },
      // Every request logged, as an operator runs it with KVUE_LOG=1.
      logger: { stream: { write: (line: string) => void log.push(line) } },
    });
    const app = await startMainApp({
      dbPath: join(dir, 'console.sqlite'),
      serverUrl: server.url,
      // What the desktop app reads from its log file; a line with the clerk's name in it too.
      logTail: async () => [
        ...log,
        `[session] signed in as ${clerk.username}`,
        `[photos] cache at ${join(homedir(), 'AppData', 'Roaming', 'kvue', 'photos')}`,
      ],
    });
    const secrets: string[] = [];
    let diagnostics: string | undefined;
    try {
      await call(app, 'session.signIn', {
        username: clerk.username,
        password: 'Falsch-Passwort-1',
      });
      await call(app, 'session.signIn', clerk);
      await waitFor(async () => expect((await call(app, 'sync.status', {})).state).toBe('idle'));

      const queue = await call(app, 'cases.queue', { view: 'disputed', offset: 0, limit: 5 });
      const first = queue.rows[0];
      if (!first) throw new Error('no disputed case');
      const detail = await call(app, 'cases.get', { caseId: first.id });
      secrets.push(
        ...valuesOf(detail, new Set(['plate', 'street', 'statement', 'vehicleMake', 'name'])),
      );
      expect(secrets.length).toBeGreaterThan(2);

      await call(app, 'cases.queue', {
        view: 'all',
        search: detail.case.plate,
        offset: 0,
        limit: 5,
      });
      await call(app, 'audit.viewed', { caseId: first.id });
      await call(app, 'work.claim', { caseId: first.id });
      const reason = 'Vermerk Anwohnerparkausweis 0815-Geheim';
      const message = 'Bitte Foto der Beschilderung Ecke Geheimweg nachreichen';
      secrets.push(reason, message, 'Falsch-Passwort-1');
      await call(app, 'work.decide', {
        caseId: first.id,
        baseVersion: detail.version,
        decision: 'withdraw',
        reasonCode: 'sign_faulty',
        text: reason,
      });
      // The same decision again on a version that is gone: a conflict, an error path.
      await call(app, 'work.decide', {
        caseId: first.id,
        baseVersion: detail.version,
        decision: 'uphold',
        reasonCode: 'offence_proven',
        text: reason,
      }).catch(() => undefined);
      await call(app, 'messages.send', {
        toUserId: detail.officer.id,
        caseId: first.id,
        body: message,
      });
      await waitFor(async () => {
        const outbox = await call(app, 'outbox.list', {});
        expect(outbox.items.filter((i) => i.state === 'pending' || i.state === 'pushing')).toEqual(
          [],
        );
      });
      const exported = await call(app, 'diagnostics.export', {});
      if (exported.status !== 'download') throw new Error(`exported: ${exported.status}`);
      diagnostics = exported.content;
      expect(exported.fileName).toMatch(/^kvue-diagnose-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/);
      await call(app, 'session.lock', {});
      await call(app, 'session.unlock', { password: 'Falsch-Passwort-1' });
      await call(app, 'session.unlock', { password: clerk.password });
      await call(app, 'session.signOut', {});
    } finally {
      await app.close();
      await server.close();
    }

    const text = log.join('\n');
    // The capture works: the server logged its requests.
    expect(text).toContain('/auth/login');
    expect(text).toContain('/sync/mutations');
    for (const secret of secrets) expect(text, `log contains "${secret}"`).not.toContain(secret);

    // The diagnostics bundle for support: what helps, and none of the personal data.
    if (diagnostics === undefined) throw new Error('no diagnostics exported');
    const bundle = JSON.parse(diagnostics) as Record<string, Record<string, unknown>>;
    expect(bundle.app).toMatchObject({ versions: { node: process.versions.node } });
    expect(bundle.sync).toMatchObject({ state: 'idle', caseCount: 40 });
    expect(Number(bundle.sync?.cursor)).toBeGreaterThan(0);
    expect(bundle.database).toMatchObject({ schemaVersion: expect.any(Number) });
    expect(bundle.outbox?.byKindAndState).toMatchObject({ 'decision:applied': 1 });
    expect(bundle.settings).toMatchObject({ values: { language: 'de' } });
    expect((bundle.log as unknown as string[]).length).toBeGreaterThan(10);
    expect(diagnostics).toContain('<Benutzer>');
    // The home folder holds the Windows account name.
    expect(diagnostics).toContain('%USERPROFILE%');
    expect(diagnostics).not.toContain(homedir());
    for (const secret of [...secrets, clerk.username, clerk.password]) {
      expect(diagnostics, `diagnostics contain "${secret}"`).not.toContain(secret);
    }
  });
});
