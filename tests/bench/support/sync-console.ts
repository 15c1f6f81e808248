/**
 * The console's main services (no Electron) in a process of their own, for `bench:sync`: the
 * process's peak memory is the console's alone. Usage (spawned with an IPC channel):
 * sync-console.ts <dbPath> <serverUrl> <expectedCases>.
 *
 * It syncs until the local database holds `expectedCases`, calling `cases.list` through the
 * contract every 10 ms meanwhile, and reports `SyncedReport`. Then it takes `expect` messages (a
 * case the parent is about to create on the server, with the time it started) and reports each
 * one's latency once the case is in the database and the renderer was told (`data.changed`).
 */
import { unwrapCallResult } from '../../../src/shared/contract';
import { startMainApp } from '../../../src/main/app';
import { dispatchCall } from '../../../src/main/contract/dispatch';
import { openDatabase } from '../../../src/main/db/connection';
import { demoLogin } from '../../../src/server/store/seed';

export interface SyncedReport {
  type: 'synced';
  ms: number;
  cases: number;
  listLatenciesMs: number[];
  peakRssMb: number;
}
export interface LiveReport {
  type: 'live';
  id: string;
  ms: number;
}
export type ToConsole = { type: 'expect'; id: string; startedAt: number } | { type: 'stop' };

const PROBE_EVERY_MS = 10;

async function main(): Promise<void> {
  const [dbPath, serverUrl, expectedText] = process.argv.slice(2);
  const expected = Number(expectedText);
  if (!dbPath || !serverUrl || !Number.isSafeInteger(expected)) {
    throw new Error('usage: sync-console.ts <dbPath> <serverUrl> <expectedCases>');
  }
  const send = (message: SyncedReport | LiveReport) => process.send?.(message);
  const started = Date.now();
  const app = await startMainApp({ dbPath, serverUrl, credentials: demoLogin('clerk') });
  // A second, read-only look at the database, as the renderer's calls would see it.
  const reader = openDatabase(dbPath);
  const has = reader.prepare('SELECT 1 FROM cases WHERE id = ?');

  const latencies: number[] = [];
  let syncing = true;
  const probe = () => {
    const due = performance.now() + PROBE_EVERY_MS;
    setTimeout(() => {
      if (!syncing) return;
      void dispatchCall(app.impl, 'cases.list', { offset: 0, limit: 100 }).then((result) => {
        unwrapCallResult(result);
        latencies.push(performance.now() - due);
        probe();
      });
    }, PROBE_EVERY_MS);
  };
  probe();

  const waiting = new Map<string, number>();
  app.onEvent((name, payload) => {
    if (name === 'sync.status' && syncing) {
      const status = payload as { state: string; caseCount: number };
      if (status.state === 'idle' && status.caseCount >= expected) {
        syncing = false;
        send({
          type: 'synced',
          ms: Date.now() - started,
          cases: status.caseCount,
          listLatenciesMs: latencies,
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        });
      }
    }
    if (name === 'data.changed' && waiting.size > 0) {
      const now = Date.now();
      for (const [id, startedAt] of waiting) {
        if (!has.get(id)) continue;
        waiting.delete(id);
        send({ type: 'live', id, ms: now - startedAt });
      }
    }
  });

  process.on('message', (message: ToConsole) => {
    if (message.type === 'expect') waiting.set(message.id, message.startedAt);
    else {
      reader.close();
      void app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
}

main().catch((error: unknown) => {
  console.error('sync console failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
