import { parseCommand, USAGE, UsageError } from './cli-args';

async function main(): Promise<void> {
  const command = parseCommand(process.argv.slice(2));
  // Loaded on demand: the field simulator is an HTTP client and needs none of the database code.
  if (command.kind === 'bulk') {
    const { runBulkCommand } = await import('./bulk-command');
    await runBulkCommand(command);
    return;
  }
  const { runFieldCommand } = await import('./field-command');
  await runFieldCommand({
    officers: command.officers,
    speed: command.speed,
    ...(command.server === undefined ? {} : { server: command.server }),
    ...(command.duration === undefined ? {} : { durationMinutes: command.duration }),
    ...(command.seed === undefined ? {} : { seed: command.seed }),
    ...(command.concurrency === undefined ? {} : { concurrency: command.concurrency }),
    ...(command.poll === undefined ? {} : { pollSeconds: command.poll }),
    ...(command.report === undefined ? {} : { reportSeconds: command.report }),
    ...(command.disputes === undefined ? {} : { disputeShare: command.disputes }),
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message ? `${error.message}\n\n${USAGE}` : USAGE);
      process.exit(error.message ? 2 : 0);
    }
    console.error('simulator failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
