import { startServer, type RunningServer } from '../../../../src/server/index';
import type { DbTarget } from './databases';

export interface TestServer {
  server: RunningServer;
  databaseUrl: string | undefined;
  stop(): Promise<void>;
}

export async function startTestServer(target: DbTarget, cases: number): Promise<TestServer> {
  const database = await target.create();
  try {
    const server = await startServer({
      ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}),
      seed: { cases },
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
