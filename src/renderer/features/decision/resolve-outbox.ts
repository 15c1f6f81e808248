/** The outbox calls a conflict's resolution needs (kvue.outbox in the app). */
export interface OutboxResolver {
  retry(input: { id: string }): Promise<unknown>;
  discard(input: { id: string }): Promise<unknown>;
}

export interface Resolution {
  id: string;
  action: 'retry' | 'discard';
  /** Work the choice makes moot (the claim that came with a decision that lost). */
  alsoDiscard?: readonly string[];
}

/**
 * The moot work goes first: each call refreshes the case pane, and the other order showed the
 * pane for a moment without its conflict but still with the refused claim's notice.
 */
export async function resolveOutbox(
  outbox: OutboxResolver,
  { id, action, alsoDiscard = [] }: Resolution,
): Promise<void> {
  // Best effort: one already gone (discarded elsewhere) must not fail the clerk's choice.
  await Promise.allSettled(alsoDiscard.map((other) => outbox.discard({ id: other })));
  if (action === 'retry') await outbox.retry({ id });
  else await outbox.discard({ id });
}
