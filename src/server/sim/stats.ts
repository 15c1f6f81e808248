/** What the simulator has done so far; one instance per run, shared by every officer. */
export class SimStats {
  casesCreated = 0;
  /** Answered 200: the server already had the id (a retry after a lost answer, or a re-run). */
  casesRepeated = 0;
  photosUploaded = 0;
  photosRepeated = 0;
  disputes = 0;
  disputesRepeated = 0;
  /** Messages from others that reached an officer through the feed. */
  messagesSeen = 0;
  receipts = { delivered: 0, read: 0, acknowledged: 0 };
  /** Statements sent in reply to a clerk's message about a case. */
  messagesAnswered = 0;
  /** Of those, how many came with a new photo. */
  statementPhotos = 0;
  feedPulls = 0;
  logins = 0;
  refreshes = 0;
  /** Requests sent again after a network error, a timeout or a 5xx. */
  retries = 0;
  errors = 0;
  readonly errorCodes = new Map<string, number>();

  error(code: string): void {
    this.errors++;
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
  }
}

export interface SimSummary {
  /** Simulated time now (ISO). */
  simTime: string;
  realElapsedMs: number;
  cases: number;
  casesRepeated: number;
  photos: number;
  disputes: number;
  messagesSeen: number;
  messagesAnswered: number;
  receipts: { delivered: number; read: number; acknowledged: number };
  feedPulls: number;
  logins: number;
  refreshes: number;
  retries: number;
  errors: number;
  errorCodes: Record<string, number>;
  /** Jobs running and waiting, and the worst start delay since the previous summary. */
  inFlight: number;
  queued: number;
  lagMs: number;
}

export function summarize(
  stats: SimStats,
  extra: Pick<SimSummary, 'simTime' | 'realElapsedMs' | 'inFlight' | 'queued' | 'lagMs'>,
): SimSummary {
  return {
    ...extra,
    cases: stats.casesCreated,
    casesRepeated: stats.casesRepeated,
    photos: stats.photosUploaded,
    disputes: stats.disputes,
    messagesSeen: stats.messagesSeen,
    messagesAnswered: stats.messagesAnswered,
    receipts: { ...stats.receipts },
    feedPulls: stats.feedPulls,
    logins: stats.logins,
    refreshes: stats.refreshes,
    retries: stats.retries,
    errors: stats.errors,
    errorCodes: Object.fromEntries(stats.errorCodes),
  };
}

const CLOCK = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  hour: '2-digit',
  minute: '2-digit',
});

function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** One line for the terminal, e.g. `[sim 09:41 · real 1:20] cases 812 · photos 1620 · …`. */
export function formatSummary(summary: SimSummary): string {
  const receipts = summary.receipts;
  const errors = Object.entries(summary.errorCodes)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  return (
    `[sim ${CLOCK.format(new Date(summary.simTime))} · real ${elapsed(summary.realElapsedMs)}] ` +
    `cases ${summary.cases}${summary.casesRepeated ? ` (+${summary.casesRepeated} repeated)` : ''}` +
    ` · photos ${summary.photos} · disputes ${summary.disputes}` +
    ` · messages ${summary.messagesSeen} seen, ${summary.messagesAnswered} answered, ` +
    `${receipts.acknowledged} acknowledged` +
    ` · errors ${summary.errors}${errors ? ` (${errors})` : ''}` +
    ` · retries ${summary.retries} · lag ${(summary.lagMs / 1000).toFixed(1)} s` +
    ` · jobs ${summary.inFlight}/${summary.queued}`
  );
}
