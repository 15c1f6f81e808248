import { runSimulation, type SimulationOptions } from './simulation';
import { formatSummary } from './stats';

/**
 * The field simulator in a terminal: a summary line every few seconds, a last one at the end.
 * The first Ctrl-C stops new work and lets requests in flight finish; a second one quits at once.
 */
export async function runFieldCommand(options: SimulationOptions): Promise<void> {
  const stop = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++;
    if (interrupts > 1) {
      console.error(`${signal} again: quitting without waiting`);
      process.exit(130);
    }
    console.log(`${signal}: finishing requests in flight (Ctrl-C again to quit at once)`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { summary, interrupted } = await runSimulation({
      ...options,
      signal: stop.signal,
      onReport: (line) => console.log(formatSummary(line)),
      log: (line) => console.log(line),
    });
    console.log(formatSummary(summary));
    // The shift's real minutes, without the roll call before it.
    const minutes = summary.realElapsedMs / 60_000;
    console.log(
      `${interrupted ? 'interrupted' : 'shift over'}: ${summary.cases} cases, ` +
        `${summary.photos} photos, ${summary.disputes} disputes, ` +
        `${summary.messagesAnswered} statements, ${summary.receipts.acknowledged} acknowledgements, ` +
        `${summary.errors} errors in ${minutes.toFixed(1)} real minutes ` +
        `(${Math.round(summary.cases / Math.max(minutes, 1 / 60))} cases/min)`,
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
