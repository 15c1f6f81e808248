import { FeedHub } from '../../../../src/server/feed/hub';
import { buildApp } from '../../../../src/server/http/app';
import { registeredRoutes } from '../../../../src/server/http/route-table';
import { openStore } from '../../../../src/server/store/open';
import { UNUSED_PHOTOS } from './photos';

/**
 * What the server really registers, as `METHOD /url` sorted, from an app built the way
 * `startServer` builds it. Fastify adds a HEAD for every GET by itself, sharing the GET's hooks
 * and handler; those are left out.
 */
export async function registeredOperations(): Promise<string[]> {
  const db = await openStore({});
  const app = await buildApp({
    db,
    hub: new FeedHub(),
    sessionTtlMs: 60_000,
    photos: UNUSED_PHOTOS,
  });
  try {
    await app.ready();
    const operations = new Set(registeredRoutes(app).map((r) => `${r.method} ${r.url}`));
    for (const operation of [...operations]) {
      if (operation.startsWith('HEAD ') && operations.has(`GET ${operation.slice(5)}`)) {
        operations.delete(operation);
      }
    }
    return [...operations].sort();
  } finally {
    await app.close();
    await db.close();
  }
}
