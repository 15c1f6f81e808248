import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  url: string;
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));

/**
 * Starts the server in a child Node process (through tsx) and waits until it listens. Extra Node
 * flags for the child, e.g. `--cpu-prof`, can be passed in `BENCH_SERVER_NODE_ARGS`.
 */
export async function spawnServer(databaseUrl: string): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env['BENCH_SERVER_NODE_ARGS']?.split(' ') ?? []),
      '--import',
      'tsx',
      ENTRY,
      databaseUrl,
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const first = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with code ${code}`)));
    child.once('error', reject);
  });
  let url: string;
  try {
    ({ url } = JSON.parse(await first) as { url: string });
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  lines.close();
  child.stdout.resume();
  return {
    url,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
