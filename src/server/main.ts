import { resolve } from 'node:path';
import { DEMO_USERS, startServer } from './index';

const DEFAULT_PORT = 4100;

function portFromEnv(): number {
  const raw = process.env['PORT'];
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${raw}`);
  }
  return port;
}

/** `KVUE_SERVER_RETENTION_DAYS`: days after a case closed until its personal data goes. */
function retentionDaysFromEnv(): number | undefined {
  const raw = process.env['KVUE_SERVER_RETENTION_DAYS'];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) {
    throw new Error(`KVUE_SERVER_RETENTION_DAYS must be whole days (0: never), got ${raw}`);
  }
  return Number(raw);
}

async function main(): Promise<void> {
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const dataDir = resolve(process.env['KVUE_DATA_DIR'] || '.data/server');
  // Photos must outlive a restart on PostgreSQL too, so they always get a real folder.
  const photoDir = resolve(process.env['KVUE_PHOTO_DIR'] || `${dataDir}/photos`);
  const retentionDays = retentionDaysFromEnv();
  const server = await startServer({
    port: portFromEnv(),
    ...(databaseUrl ? { databaseUrl } : { dataDir }),
    photoDir,
    seed: true,
    logger: process.env['KVUE_LOG'] === '1',
    ...(retentionDays === undefined ? {} : { retention: { closedCaseDays: retentionDays } }),
  });
  console.log(`kvue field server listening on ${server.url}`);
  console.log(databaseUrl ? 'storage: PostgreSQL (DATABASE_URL)' : `storage: PGlite in ${dataDir}`);
  console.log(`photos: ${photoDir}`);
  console.log('demo logins:');
  for (const user of DEMO_USERS) {
    console.log(`  ${user.username.padEnd(16)} / ${user.password}  (${user.role})`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stopping failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('kvue field server failed to start:', error);
  process.exit(1);
});
