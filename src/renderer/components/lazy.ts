import { type ComponentType, lazy, type LazyExoticComponent } from 'react';

export interface Preloadable<P extends object> {
  Component: LazyExoticComponent<ComponentType<P>>;
  /** Starts loading the code now; the first render then finds it ready. */
  preload: () => Promise<unknown>;
}

/**
 * A component whose code loads on first use or on `preload`, whichever comes first. The queue's
 * first paint needs only the list: the case pane and the bulk dialog are loaded once the list
 * shows (see QueueScreen), so opening them does not wait either.
 */
export function lazyWithPreload<P extends object>(
  load: () => Promise<ComponentType<P>>,
): Preloadable<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () => (loading ??= load());
  return {
    Component: lazy(async () => ({ default: await start() })),
    preload: start,
  };
}
