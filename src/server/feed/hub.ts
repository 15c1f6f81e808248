export type PokeListener = (cursor: number) => void;

/**
 * Tells live listeners that the feed moved. In-process only: a second server process writing to
 * the same PostgreSQL would need LISTEN/NOTIFY; clients still catch up by cursor on reconnect.
 */
export class FeedHub {
  private readonly listeners = new Set<PokeListener>();
  private latestCursor = 0;

  /** The highest cursor published so far (0 before the first change of this process). */
  get latest(): number {
    return this.latestCursor;
  }

  subscribe(listener: PokeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(cursor: number): void {
    // Post-commit continuations of two writers may run in either order; never poke backwards.
    this.latestCursor = Math.max(this.latestCursor, cursor);
    for (const listener of this.listeners) {
      try {
        listener(this.latestCursor);
      } catch (error) {
        console.error('Feed listener failed:', error);
      }
    }
  }
}
