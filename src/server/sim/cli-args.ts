import { parseArgs } from 'node:util';

export const USAGE = `usage:
  npm run simulate -- [--officers N] [--speed X] [--duration MIN] [--seed N] [--server URL]
                      [--concurrency N] [--poll SECONDS] [--report SECONDS] [--disputes SHARE]
  npm run simulate -- --bulk N [--batch-size N] [--seed N]

Field simulator (default): officers of a shift drive the running server's field API over HTTP.
  --server URL       the field server (default http://127.0.0.1:4100, as \`npm run server\`)
  --officers N       officers officer-01 … officer-N log in (1–180, default 180)
  --speed X          simulated time per real time (default 60: an 8-hour shift in 8 minutes)
  --duration MIN     SIMULATED minutes to run (default 480, one shift); the run takes
                     MIN / X real minutes. Simulated time ends when the run does, so no
                     timestamp lies in the future; at --speed 1 it is the real time.
  --seed N           PRNG seed: the same seed gives the same cases, photos and disputes
                     (and the same ids, so a re-run against the same server repeats them)
  --concurrency N    requests (jobs) in flight at once (default 24)
  --poll SECONDS     real seconds between an officer's feed pulls (default officers/18, 2–10)
  --report SECONDS   real seconds between summary lines (default 10)
  --disputes SHARE   share of cases that get a dispute (default 0.1)
Each officer records 30–50 cases per 8-hour shift with 1–3 photos each; the intake (demo.clerk)
enters disputes; officers acknowledge urgent dispatches and answer statement requests.
Ctrl-C stops new work, lets requests in flight finish and prints the summary.

Bulk load (--bulk): writes N historical cases straight into the server's database.
  --bulk N           load N plausible historical cases through the change feed
  --batch-size N     cases per transaction (default 5000)
  --seed N           PRNG seed; the same seed gives the same cases (default random)
  Storage as for the server: DATABASE_URL for PostgreSQL, else the PGlite folder
  KVUE_DATA_DIR (default .data/server).`;

export class UsageError extends Error {}

function count(raw: string | undefined, flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} needs a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function positive(raw: string | undefined, flag: string, max = Infinity): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new UsageError(
      `${flag} needs a number above 0${max < Infinity ? ` and up to ${max}` : ''}, got "${raw}"`,
    );
  }
  return value;
}

const FIELD_FLAGS = [
  'server',
  'officers',
  'speed',
  'duration',
  'concurrency',
  'poll',
  'report',
  'disputes',
] as const;

export type Command =
  | { kind: 'bulk'; bulk: number; batchSize: number | undefined; seed: number | undefined }
  | {
      kind: 'field';
      server: string | undefined;
      officers: number;
      speed: number;
      duration: number | undefined;
      seed: number | undefined;
      concurrency: number | undefined;
      poll: number | undefined;
      report: number | undefined;
      disputes: number | undefined;
    };

export function parseCommand(argv: string[]): Command {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        bulk: { type: 'string' },
        'batch-size': { type: 'string' },
        seed: { type: 'string' },
        server: { type: 'string' },
        officers: { type: 'string' },
        speed: { type: 'string' },
        duration: { type: 'string' },
        concurrency: { type: 'string' },
        poll: { type: 'string' },
        report: { type: 'string' },
        disputes: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) throw new UsageError('');
  const seed = count(values.seed, '--seed', 0, 2 ** 32 - 1);
  if (values.bulk !== undefined) {
    const mixed = FIELD_FLAGS.find((flag) => values[flag] !== undefined);
    if (mixed) throw new UsageError(`--${mixed} belongs to the field simulator, not to --bulk`);
    return {
      kind: 'bulk',
      bulk: count(values.bulk, '--bulk', 0) ?? 0,
      batchSize: count(values['batch-size'], '--batch-size', 1),
      seed,
    };
  }
  if (values['batch-size'] !== undefined) throw new UsageError('--batch-size needs --bulk');
  let server = values.server;
  if (server !== undefined) {
    try {
      const url = new URL(server);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
      server = url.origin;
    } catch {
      throw new UsageError(`--server needs an http(s) URL, got "${server}"`);
    }
  }
  const disputes = values.disputes === undefined ? undefined : Number(values.disputes);
  if (disputes !== undefined && !(disputes >= 0 && disputes <= 1)) {
    throw new UsageError(`--disputes needs a share from 0 to 1, got "${values.disputes}"`);
  }
  return {
    kind: 'field',
    server,
    officers: count(values.officers, '--officers', 1, 180) ?? 180,
    speed: positive(values.speed, '--speed', 100_000) ?? 60,
    duration: positive(values.duration, '--duration'),
    seed,
    concurrency: count(values.concurrency, '--concurrency', 1, 1000),
    poll: positive(values.poll, '--poll'),
    report: positive(values.report, '--report'),
    disputes,
  };
}
