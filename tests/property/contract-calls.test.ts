import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMainApp, type MainApp } from '../../src/main/app';
import { dispatchCall } from '../../src/main/contract/dispatch';
import { demoLogin, startServer, type RunningServer } from '../../src/server';
import { CALL_NAMES, calls, type CallName, type CallResult } from '../../src/shared/contract';
import { ConsoleTables } from './support/console-state';
import { filesIn } from './support/files';
import { derivedExamples, knownKeys, nearValid } from './support/examples';
import { junkInput, prototypesClean } from './support/junk';
import { params } from './support/settings';

/**
 * Every contract call, as `dispatchCall` serves it to both transports, with random and with
 * near-valid input. Each call must answer (never throw) with either a clear error (a code other
 * than `internal`, a message) after which every table of the console's database and the photo
 * cache are as before, or, for input that happens to be valid, a value its output schema accepts.
 * The calls come from CALL_NAMES, so a call added to the contract is covered without a change
 * here; one whose schema yields no valid example fails `has a valid example for every call`.
 */

/** Real rows of the synced copy, for examples that reach past the "not found" answers. */
interface Live {
  caseId: string | null;
  caseVersion: number;
  conversationId: string | null;
}

/**
 * Examples for calls whose refinements JSON Schema cannot express, or where a real id reaches
 * further into the implementation than a random one. Sign-ins use a user that does not exist:
 * breaking the demo clerk's password fifty times would lock that account at the server.
 */
const EXAMPLES: Partial<Record<CallName, (live: Live) => unknown[]>> = {
  'messages.send': (live) => [
    { toUserId: 'officer-01', body: 'Bitte um Rückmeldung.' },
    ...(live.conversationId ? [{ conversationId: live.conversationId, body: 'Probe' }] : []),
  ],
  'dispatch.send': () => [
    { targets: { userIds: ['officer-01'] }, body: 'Bitte Standort melden.' },
    {
      targets: { teamIds: ['team-01'] },
      body: 'Dringend',
      priority: 'urgent',
      ackRequested: true,
      remindAfterMinutes: 15,
    },
  ],
  'work.decide': (live) =>
    live.caseId
      ? [
          {
            caseId: live.caseId,
            baseVersion: live.caseVersion,
            decision: 'reduce',
            reasonCode: 'hardship',
            newAmountCents: 1000,
            text: 'Härtefall',
          },
        ]
      : [],
  'cases.get': (live) => (live.caseId ? [{ caseId: live.caseId }] : []),
  'photos.forCase': (live) => (live.caseId ? [{ caseId: live.caseId }] : []),
  'session.signIn': () => [{ username: 'probe.nobody', password: 'not-the-password' }],
  'settings.update': () => [{ language: 'de', doNotDisturb: false }, { idleLockMinutes: 0 }],
};

function examplesFor(name: CallName, live: Live): unknown[] {
  const schema = calls[name].input;
  return [...derivedExamples(schema), ...(EXAMPLES[name]?.(live) ?? [])].filter(
    (example) => schema.safeParse(example).success,
  );
}

describe('every contract call, with bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-property-contract-'));
  const dbPath = join(dir, 'console.sqlite');
  const photoDir = join(dir, 'photos');
  let server: RunningServer;
  let app: MainApp;
  let tables: ConsoleTables;
  const live: Live = { caseId: null, caseVersion: 1, conversationId: null };
  /** Set after an accepted call wrote something: its effects (a push, a pull) may still run. */
  let unsettled = false;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  async function snapshot() {
    return { tables: tables.checksums(), photoFiles: await filesIn(photoDir) };
  }

  /**
   * Waits until the effects of an accepted call are over (the outbox pushed it, the feed brought
   * it back): the database reads the same for three looks in a row, with nothing on its way out.
   */
  async function settle() {
    let last = '';
    let same = 0;
    await vi.waitFor(
      async () => {
        const now = JSON.stringify(await snapshot());
        const pushing = tables.get<{ n: number }>(
          "SELECT count(*) AS n FROM outbox WHERE state = 'pushing'",
        );
        same = now === last && pushing?.n === 0 ? same + 1 : 0;
        last = now;
        if (same < 3) throw new Error('still changing');
      },
      { timeout: 15_000, interval: 50 },
    );
    unsettled = false;
  }

  /** The stored state as of the last call; refused calls must leave it so. */
  let current: Awaited<ReturnType<typeof snapshot>> | null = null;

  /** One run: the call answers, clearly; refused, it changed nothing. */
  async function callOnce(name: CallName, input: unknown): Promise<void> {
    if (unsettled || !current) {
      await settle();
      current = await snapshot();
    }
    const before = current;
    const result: CallResult = await dispatchCall(app.impl, name, input);
    const after = await snapshot();
    current = after;
    expect(crashes, 'an error escaped the call').toEqual([]);
    expect(prototypesClean(), 'Object.prototype polluted').toBe(true);
    if (result.ok) {
      // A call that wrote nothing (a read) leaves nothing running; one that wrote may have
      // started a push or a download, which the next run must not mistake for its own doing.
      unsettled = JSON.stringify(after) !== JSON.stringify(before);
      const output = calls[name].output.safeParse(result.value);
      expect(output.success, `${name} answered outside its output schema`).toBe(true);
      return;
    }
    expect(result.error.code, result.error.message).not.toBe('internal');
    expect(result.error.code).toMatch(/^[a-z_]+$/);
    expect(typeof result.error.message).toBe('string');
    expect(result.error.message.trim().length).toBeGreaterThan(0);
    expect(after, `${name} refused the input but changed stored data`).toEqual(before);
  }

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    server = await startServer({
      seed: { cases: 30, officers: 12 },
      dispatches: { intervalMs: 0 },
    });
    app = await startMainApp({
      dbPath,
      serverUrl: server.url,
      credentials: demoLogin('clerk'),
      photoDir,
    });
    await vi.waitFor(
      async () => {
        const status = await app.impl['sync.status']({});
        expect(status.state).toBe('idle');
        expect(status.caseCount).toBeGreaterThan(0);
      },
      { timeout: 30_000, interval: 100 },
    );
    tables = new ConsoleTables(dbPath);
    const kase = tables.get<{ id: string; version: number }>(
      "SELECT id, version FROM cases WHERE status = 'disputed' ORDER BY id LIMIT 1",
    );
    live.caseId = kase?.id ?? null;
    live.caseVersion = kase?.version ?? 1;
    live.conversationId =
      tables.get<{ id: string }>('SELECT id FROM conversations ORDER BY id LIMIT 1')?.id ?? null;
    await settle();
  }, 60_000);

  afterAll(async () => {
    tables?.close();
    await app?.close().catch(() => undefined);
    await server?.close();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a valid example for every call, to break one field of', () => {
    const without = CALL_NAMES.filter((name) => examplesFor(name, live).length === 0);
    expect(without, 'add an example to EXAMPLES in this file').toEqual([]);
  });

  describe.each(CALL_NAMES)('%s', (name) => {
    it('answers random input clearly and stores nothing when it refuses', async () => {
      const keys = knownKeys(calls[name].input);
      await fc.assert(
        fc.asyncProperty(junkInput(keys), (input) => callOnce(name, input)),
        params(`contract random ${name}`),
      );
    });

    it('answers near-valid input clearly and stores nothing when it refuses', async () => {
      const examples = examplesFor(name, live);
      if (examples.length === 0) return; // reported by the coverage test above
      for (const example of examples) await callOnce(name, example);
      await fc.assert(
        fc.asyncProperty(nearValid(examples), (input) => callOnce(name, input)),
        params(`contract near-valid ${name}`),
      );
    });
  });

  it('still answers ordinary calls afterwards', async () => {
    if (unsettled) await settle();
    for (const [name, input] of [
      ['sync.status', {}],
      ['session.info', {}],
      ['cases.queue', { view: 'all', limit: 5 }],
      ['outbox.list', {}],
    ] as const) {
      const result = await dispatchCall(app.impl, name, input);
      expect(result, name).toMatchObject({ ok: true });
    }
    expect(crashes).toEqual([]);
  });
});
