export interface DispatchResult {
  /** The figure, or null when not measured. */
  ms: number | null;
  /** Its baseline in the same run (the last acknowledgement's own round trip), or null. */
  baselineMs: number | null;
  /** What was measured, or why nothing was. */
  note: string;
}

/**
 * From the last acknowledgement of a dispatch to 250 recipients until the sender's summary shows
 * it. Dispatches (a team lead's message to teams and channels with acknowledgement) are being
 * built; until they exist this reports null. The measurement belongs here, as one function: a
 * team lead's console, a dispatch to 250 officers needing acknowledgement, each officer
 * acknowledging through the field API, and the time from the last acknowledgement's POST until
 * the lead's console has the summary at 250 acknowledged and has announced it (as the message
 * latency is measured); baseline: that POST's own round trip.
 */
export async function measureDispatchSummary(
  /** What the measurement will need: the server, its database (officers, teams), a folder. */
  context: { serverUrl: string; databaseUrl: string; dir: string },
): Promise<DispatchResult> {
  void context; // unused until dispatches exist
  return { ms: null, baselineMs: null, note: 'not measured: dispatch not built yet' };
}
