import { startServer, type RunningServer, type ServerOptions } from '../../../../src/server/index';
import type { DbTarget } from './databases';

export interface TestServer {
  server: RunningServer;
  databaseUrl: string | undefined;
  stop(): Promise<void>;
}

/** `extra` adds server options, e.g. a photo folder the test can look into, or no dispatch timer. */
export async function startTestServer(
  target: DbTarget,
  cases: number,
  extra: Pick<
    ServerOptions,
    'photoDir' | 'photoMaxBytes' | 'dispatches' | 'loginLimits' | 'retention'
  > = {},
): Promise<TestServer> {
  const database = await target.create();
  try {
    const server = await startServer({
      ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}),
      seed: { cases },
      ...extra,
    });
    return {
      server,
      databaseUrl: database.databaseUrl,
      async stop() {
        await server.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
