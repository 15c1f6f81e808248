/**
 * Runs the field server in a process of its own, as in production, so the benchmark client's
 * parsing does not share the server's thread. Started by `spawnServer`, it prints one JSON line
 * with its URL once listening and shuts down when its stdin closes (the parent exited) or on
 * SIGTERM.
 */
import { startServer } from '../../../src/server/index';

async function main(): Promise<void> {
  const databaseUrl = process.argv[2];
  if (!databaseUrl) throw new Error('usage: server-process.ts <databaseUrl>');
  const server = await startServer({ databaseUrl, port: 0 });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop).on('close', stop).resume();
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

main().catch((error: unknown) => {
  console.error('bench server failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
