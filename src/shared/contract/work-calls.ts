/** Calls that record the clerk's work locally and push it through the outbox. */
export const workCalls = {} as const;
