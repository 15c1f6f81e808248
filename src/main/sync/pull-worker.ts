/**
 * The pull worker: reads and applies the feed on a thread of its own with its own connection to
 * the console's database (WAL lets the main thread read meanwhile), so that a long initial sync
 * never holds up the contract calls the renderer waits on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection';
import type { FromWorker, PullWorkerData, ToWorker } from './pull-protocol';
import { pullPages } from './pull-loop';

const port = parentPort;
if (!port) throw new Error('pull-worker.ts runs only as a worker thread');
const data = workerData as PullWorkerData;
const db = openDatabase(data.dbPath, {
  ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  mapped: false,
});
// Synced rows can be fetched again: a power cut may undo the last pages (each with its cursor,
// so the copy stays consistent) but never the clerk's own work, which the main thread's
// connection commits with FULL. NORMAL saves an fsync per page; the larger cache keeps a big
// table's indexes in memory during an initial sync.
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -32768');
const runs = new Map<number, AbortController>();
const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'pull': {
      const abort = new AbortController();
      runs.set(message.id, abort);
      const { id } = message;
      pullPages(db, message.request, (report) => send({ type: 'page', id, report }), abort.signal)
        .then(() => send({ type: 'done', id }))
        .catch((error: unknown) => {
          // An aborted request looks like a network failure; say what it was.
          const { name, message: text } = abort.signal.aborted
            ? { name: 'AbortError', message: 'Pull stopped: the sync worker is closing' }
            : error instanceof Error
              ? error
              : new Error(String(error));
          send({ type: 'failed', id, error: { name, message: text } });
        })
        .finally(() => runs.delete(id));
      break;
    }
    case 'abort':
      runs.get(message.id)?.abort();
      break;
    case 'close':
      for (const run of runs.values()) run.abort();
      db.close();
      send({ type: 'closed' });
      // Ends this thread only, idle keep-alive sockets of the feed requests included.
      process.exit(0);
      break;
  }
});
