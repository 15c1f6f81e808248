/**
 * The console's main services (no Electron) in a process of their own, for `bench:messaging`, as
 * the Electron main process would be: the officer's client (the bench) is another program on
 * another device. Usage (spawned with an IPC channel): messaging-console.ts <dbPath> <serverUrl>.
 *
 * It signs in as the demo clerk, syncs, and reports `ready` once the sync is first idle. Then it
 * takes `expect` messages (a message the parent is about to post, with the wall-clock moment just
 * before its POST) and reports each one's latency once the message is in the console's database
 * and the renderer was told (`data.changed` naming `messages`): the moment the renderer's next
 * `messages.page` would show it.
 *
 * Import only its types elsewhere: importing the file runs the console.
 */
import { startMainApp } from '../../../src/main/app';
import { openDatabase } from '../../../src/main/db/connection';
import { demoLogin } from '../../../src/server/store/seed';

export interface ReadyReport {
  type: 'ready';
}
export interface ArrivedReport {
  type: 'arrived';
  id: string;
  ms: number;
}
/** Sent on `stop`: the sync's failed pulls meanwhile (their error texts), each retried. */
export interface StatsReport {
  type: 'stats';
  syncErrors: string[];
}
export type FromMessagingConsole = ReadyReport | ArrivedReport | StatsReport;
export type ToMessagingConsole =
  { type: 'expect'; id: string; startedAt: number } | { type: 'stop' };

/** Wall-clock ms with a fraction, comparable between processes on one machine. */
const wallNow = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const [dbPath, serverUrl] = process.argv.slice(2);
  if (!dbPath || !serverUrl) throw new Error('usage: messaging-console.ts <dbPath> <serverUrl>');
  const send = (message: FromMessagingConsole) => process.send?.(message);
  const app = await startMainApp({ dbPath, serverUrl, credentials: demoLogin('clerk') });
  // A second, read-only look at the database, as the renderer's calls would see it.
  const reader = openDatabase(dbPath);
  const has = reader.prepare('SELECT 1 FROM messages WHERE id = ?');

  let ready = false;
  const syncErrors: string[] = [];
  const waiting = new Map<string, number>();
  app.onEvent((name, payload) => {
    if (name === 'sync.status') {
      const status = payload as { state: string; error: string | null };
      if (status.state === 'error') syncErrors.push(status.error ?? '?');
      if (!ready && status.state === 'idle') {
        ready = true;
        send({ type: 'ready' });
      }
    }
    if (name !== 'data.changed' || waiting.size === 0) return;
    if (!(payload as { entities: string[] }).entities.includes('messages')) return;
    const now = wallNow();
    for (const [id, startedAt] of waiting) {
      if (!has.get(id)) continue;
      waiting.delete(id);
      send({ type: 'arrived', id, ms: now - startedAt });
    }
  });

  process.on('message', (message: ToMessagingConsole) => {
    if (message.type === 'expect') waiting.set(message.id, message.startedAt);
    else {
      send({ type: 'stats', syncErrors });
      reader.close();
      void app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
}

main().catch((error: unknown) => {
  console.error('messaging console failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
