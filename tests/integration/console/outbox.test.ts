import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../src/shared/contract/work-calls';
import type { DecisionKind } from '../../../src/shared/domain/decision';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { call, waitFor } from './support/calls';
import { demoLogin, startServer } from '../../../src/server';
import { newCase, readWholeFeed, tokenFor } from '../server/support/client';
import { latestOf, newDispute, postDispute } from '../server/support/mutations';

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * A proxy in front of the server, to misbehave on `POST /sync/mutations` only: refuse it (503),
 * forward it and then drop the answer (the server applied it, the console never hears) — the
 * first time each batch is sent, or forward it and hold the answer forever. Everything else
 * (login, feed, live socket) passes through.
 */
async function startProxy(target: string) {
  const to = new URL(target);
  const state = {
    refuse: false,
    dropFirstAnswers: false,
    seen: new Set<string>(),
    holdAnswers: false,
    pushes: 0,
    dropped: 0,
    held: [] as ServerResponse[],
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const push = req.method === 'POST' && req.url === '/sync/mutations';
    if (push) state.pushes++;
    if (push && state.refuse) {
      res.writeHead(503).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), push));
  });
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, push: boolean) => {
    const firstTime = push && !state.seen.has(body.toString());
    if (push) state.seen.add(body.toString());
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (push && state.dropFirstAnswers && firstTime) {
          answer.resume();
          answer.on('end', () => {
            state.dropped++;
            req.socket.destroy();
          });
          return;
        }
        if (push && state.holdAnswers) {
          answer.resume();
          state.held.push(res);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  };
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const upstream = connect(Number(to.port), to.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('outbox against the real server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-outbox-'));
  let server: Server;
  let clerkToken: string;
  const apps: MainApp[] = [];

  beforeAll(async () => {
    server = await startServer({ seed: { cases: 20 } });
    clerkToken = await tokenFor(server.url, 'demo.clerk');
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close().catch(() => undefined)));
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (
    name: string,
    serverUrl = server.url,
    credentials = demoLogin('clerk'),
  ): Promise<MainApp> => {
    const app = await startMainApp({ dbPath: join(dir, `${name}.sqlite`), serverUrl, credentials });
    apps.push(app);
    return app;
  };
  const close = async (app: MainApp) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };

  /** The console's own database, read on the side. */
  const local = <T>(name: string, sql: string, ...params: unknown[]): T | undefined => {
    const db = new Database(join(dir, `${name}.sqlite`), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).get(...params) as T | undefined;
    } finally {
      db.close();
    }
  };
  const localCase = (name: string, id: string) =>
    local<{ status: string; version: number }>(
      name,
      'SELECT status, version FROM cases WHERE id = ?',
      id,
    );

  /** A new case by officer.huber with a dispute recorded: returns its id and version. */
  const disputedCase = async () => {
    const created = await server.createCase(newCase());
    expect((await postDispute(server.url, clerkToken, newDispute(created.id))).status).toBe(201);
    const feed = (await readWholeFeed(server.url, clerkToken)).changes;
    const now = latestOf(feed, 'case')
      .filter((c) => c.id === created.id)
      .at(-1);
    expect(now?.status).toBe('disputed');
    return { id: created.id, version: now?.version ?? 0 };
  };
  const syncedCase = (name: string, kase: { id: string; version: number }) =>
    waitFor(() =>
      expect(localCase(name, kase.id)).toEqual({ status: 'disputed', version: kase.version }),
    );

  /** What the server holds: the case and its decisions, as the clerk's feed shows them. */
  const onServer = async (caseId: string) => {
    const feed = (await readWholeFeed(server.url, clerkToken)).changes;
    return {
      kase: latestOf(feed, 'case')
        .filter((c) => c.id === caseId)
        .at(-1),
      decisions: latestOf(feed, 'decision').filter((d) => d.caseId === caseId),
    };
  };

  const item = async (app: MainApp, id: string): Promise<OutboxItem | undefined> =>
    (await call(app, 'outbox.list', { limit: 1000 })).items.find((i) => i.id === id);

  const decide = (
    app: MainApp,
    kase: { id: string; version: number },
    decision: DecisionKind = 'uphold',
  ) =>
    call(app, 'work.decide', {
      caseId: kase.id,
      baseVersion: kase.version,
      decision,
      reasonCode: 'offence_proven',
      text: 'Die Fotos belegen den Verstoß.',
    });

  it('decides a disputed case: shown pending at once, then confirmed by the server', async () => {
    const app = await open('decide');
    const kase = await disputedCase();
    await syncedCase('decide', kase);

    const changed: string[][] = [];
    app.onEvent((name, payload) => {
      if (name === 'data.changed') changed.push((payload as { entities: string[] }).entities);
    });
    const decided = await decide(app, kase, 'withdraw');
    expect(decided).toMatchObject({ kind: 'decision', state: 'pending', caseId: kase.id });
    // Pending: the case shows the decision, the version is still the one the server sent.
    expect(localCase('decide', kase.id)).toEqual({ status: 'withdrawn', version: kase.version });
    expect(changed[0]).toEqual(['outbox', 'cases']);

    // Confirmed: the server applied it and the feed brought the new version.
    await waitFor(async () => {
      expect((await item(app, decided.id))?.state).toBe('applied');
      expect(localCase('decide', kase.id)).toEqual({
        status: 'withdrawn',
        version: kase.version + 1,
      });
    });
    expect(local('decide', 'SELECT clerk_id FROM decisions WHERE id = ?', decided.id)).toEqual({
      clerk_id: 'demo-clerk',
    });
    const { kase: there, decisions } = await onServer(kase.id);
    expect(there).toMatchObject({ status: 'withdrawn', version: kase.version + 1 });
    expect(decisions.map((d) => [d.id, d.kind, d.clerkId])).toEqual([
      [decided.id, 'withdraw', 'demo-clerk'],
    ]);
    await close(app);
  });

  it('pushes work recorded before a crash exactly once after the restart', async () => {
    const proxy = await startProxy(server.url);
    try {
      // Online once: the cases arrive and the console learns who it is.
      let app = await open('crash', proxy.url);
      const caseA = await disputedCase();
      const caseB = await disputedCase();
      await syncedCase('crash', caseA);
      await syncedCase('crash', caseB);
      await close(app);

      // Offline: a decision is recorded locally and cannot be pushed.
      app = await open('crash', 'http://127.0.0.1:9');
      const first = await decide(app, caseA);
      expect(first.state).toBe('pending');
      await close(app);

      // Online again: the server applies the first decision, but the console dies before the
      // answer arrives, and before a second decision recorded meanwhile was sent at all.
      proxy.state.holdAnswers = true;
      app = await open('crash', proxy.url);
      await waitFor(() => expect(proxy.state.held).toHaveLength(1));
      const second = await decide(app, caseB, 'forward');
      await close(app);
      expect((await onServer(caseA.id)).decisions.map((d) => d.id)).toEqual([first.id]);
      expect((await onServer(caseB.id)).decisions).toEqual([]);
      const stateOf = (id: string) => local('crash', 'SELECT state FROM outbox WHERE id = ?', id);
      expect(stateOf(first.id)).toEqual({ state: 'pending' });
      expect(stateOf(second.id)).toEqual({ state: 'pending' });

      // The next start pushes both under the same ids: each takes effect exactly once.
      app = await open('crash', server.url);
      await waitFor(async () => {
        expect(await item(app, first.id)).toMatchObject({ state: 'applied', repeated: true });
        expect(await item(app, second.id)).toMatchObject({ state: 'applied', repeated: false });
      });
      for (const [kase, id] of [
        [caseA, first.id],
        [caseB, second.id],
      ] as const) {
        const { kase: there, decisions } = await onServer(kase.id);
        expect(decisions.map((d) => d.id)).toEqual([id]);
        expect(there?.version).toBe(kase.version + 1);
        await waitFor(() => expect(localCase('crash', kase.id)?.version).toBe(kase.version + 1));
      }
      await close(app);
    } finally {
      await proxy.close();
    }
  });

  it('retries after a lost answer and is recognised as already applied: no double effect', async () => {
    const proxy = await startProxy(server.url);
    try {
      const app = await open('lost', proxy.url);
      const kase = await disputedCase();
      await syncedCase('lost', kase);

      proxy.state.dropFirstAnswers = true;
      const decided = await decide(app, kase);
      await waitFor(async () =>
        expect(await item(app, decided.id)).toMatchObject({ state: 'applied', repeated: true }),
      );
      expect(proxy.state.dropped).toBe(1);
      const { kase: there, decisions } = await onServer(kase.id);
      expect(decisions.map((d) => d.id)).toEqual([decided.id]);
      expect(there?.version).toBe(kase.version + 1);

      // A message to an officer: the direct conversation first, then the message; both answers lost.
      const sent = await call(app, 'messages.send', {
        toUserId: 'officer-01',
        body: 'Bitte um Stellungnahme zum Vorgang.',
        caseId: kase.id,
      });
      expect(sent.kind).toBe('message');
      await waitFor(async () =>
        expect(await item(app, sent.id)).toMatchObject({ state: 'applied', repeated: true }),
      );
      expect(proxy.state.dropped).toBe(3);
      const feed = (await readWholeFeed(server.url, clerkToken)).changes;
      const messages = latestOf(feed, 'message').filter((m) => m.body.startsWith('Bitte um'));
      expect(messages.map((m) => [m.id, m.senderId])).toEqual([[sent.id, 'demo-clerk']]);
      const huber = await tokenFor(server.url, 'officer.huber');
      const officerSees = latestOf((await readWholeFeed(server.url, huber)).changes, 'message');
      expect(officerSees.filter((m) => m.id === sent.id)).toHaveLength(1);
      await close(app);
    } finally {
      await proxy.close();
    }
  });

  it('keeps unpushed work through a server-requested reset, reads the feed again, then pushes it once', async () => {
    const proxy = await startProxy(server.url);
    try {
      const app = await open('reset', proxy.url);
      const kase = await disputedCase();
      await syncedCase('reset', kase);
      const before = local<{ epoch: string | null; generation: number }>(
        'reset',
        'SELECT epoch, generation FROM sync_state',
      );
      expect(before?.epoch).toMatch(/^[0-9a-f-]{36}$/);

      proxy.state.refuse = true;
      const decided = await decide(app, kase, 'withdraw');
      await waitFor(() => expect(proxy.state.pushes).toBeGreaterThan(0));

      const reset = await server.resetFeed('Test: Schemaänderung');
      expect(reset.epoch).not.toBe(before?.epoch);
      // The console was poked, was refused its old epoch, and read the whole feed again.
      await waitFor(() =>
        expect(local('reset', 'SELECT epoch, generation, resyncing FROM sync_state')).toEqual({
          epoch: reset.epoch,
          generation: (before?.generation ?? 0) + 1,
          resyncing: 0,
        }),
      );
      const feed = (await readWholeFeed(server.url, clerkToken)).changes;
      const serverCases = latestOf(feed, 'case').length;
      expect(local('reset', 'SELECT count(*) AS n FROM cases')).toEqual({ n: serverCases });
      // Every case was written again by the resync (a new generation).
      expect(
        local(
          'reset',
          'SELECT count(*) AS n FROM cases WHERE sync_gen IS NOT NULL AND sync_gen <= ?',
          before?.generation ?? 0,
        ),
      ).toEqual({ n: 0 });
      // The unpushed decision survived: still waiting, still shown on its case.
      expect(['pending', 'pushing']).toContain((await item(app, decided.id))?.state);
      expect(localCase('reset', kase.id)).toEqual({ status: 'withdrawn', version: kase.version });

      proxy.state.refuse = false;
      await waitFor(async () => expect((await item(app, decided.id))?.state).toBe('applied'));
      const { decisions } = await onServer(kase.id);
      expect(decisions.map((d) => d.id)).toEqual([decided.id]);
      await close(app);
    } finally {
      await proxy.close();
    }
  });

  it('gives the second of two consoles deciding one case a conflict with both versions', async () => {
    const proxy = await startProxy(server.url);
    try {
      const first = await open('rival-a');
      const second = await open('rival-b', proxy.url, demoLogin('admin'));
      const kase = await disputedCase();
      await syncedCase('rival-a', kase);
      await syncedCase('rival-b', kase);

      // The second console decides first, but cannot get through yet …
      proxy.state.refuse = true;
      const loser = await decide(second, kase, 'forward');
      await waitFor(() => expect(proxy.state.pushes).toBeGreaterThan(0));
      // … while the first one's decision reaches the server.
      const winner = await decide(first, kase, 'withdraw');
      await waitFor(async () => expect((await item(first, winner.id))?.state).toBe('applied'));
      proxy.state.refuse = false;

      await waitFor(async () => expect((await item(second, loser.id))?.state).toBe('conflict'));
      const conflict = (await item(second, loser.id))?.conflict;
      expect(conflict).toMatchObject({
        reason: expect.stringContaining(`version ${kase.version}`),
        local: { id: kase.id, status: 'disputed', version: kase.version },
        server: {
          entity: 'case',
          data: { id: kase.id, status: 'withdrawn', version: kase.version + 1 },
        },
      });
      expect((await item(second, loser.id))?.mutation).toMatchObject({ decision: 'forward' });
      await waitFor(() =>
        expect(localCase('rival-b', kase.id)).toEqual({
          status: 'withdrawn',
          version: kase.version + 1,
        }),
      );
      expect(local('rival-b', 'SELECT id FROM decisions WHERE id = ?', loser.id)).toBeUndefined();
      const { decisions } = await onServer(kase.id);
      expect(decisions.map((d) => [d.id, d.clerkId])).toEqual([[winner.id, 'demo-clerk']]);

      // "Keep theirs": the clerk discards the conflicting work.
      await call(second, 'outbox.discard', { id: loser.id });
      expect(await item(second, loser.id)).toBeUndefined();
      await close(first);
      await close(second);
    } finally {
      await proxy.close();
    }
  });
});
