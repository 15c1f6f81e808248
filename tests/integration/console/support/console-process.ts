/**
 * Runs the console's main services (no Electron) in a process of its own, so a test can kill it
 * with SIGKILL mid-sync. Usage: console-process.ts <dbPath> <serverUrl>. Prints one JSON line per
 * sync status it sees (polled, so also while the engine reports nothing new), among the app's own
 * log lines (which never start with `{`), and shuts down when its stdin closes or on SIGTERM.
 */
import { startMainApp } from '../../../../src/main/app';
import { demoLogin } from '../../../../src/server';

async function main(): Promise<void> {
  const [dbPath, serverUrl] = process.argv.slice(2);
  if (!dbPath || !serverUrl) throw new Error('usage: console-process.ts <dbPath> <serverUrl>');
  const app = await startMainApp({ dbPath, serverUrl, credentials: demoLogin('clerk') });
  const print = async () => {
    const status = await app.impl['sync.status'](undefined as never);
    process.stdout.write(`${JSON.stringify(status)}\n`);
  };
  const timer = setInterval(() => void print(), 50);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop).on('close', stop).resume();
}

main().catch((error: unknown) => {
  console.error('console process failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
