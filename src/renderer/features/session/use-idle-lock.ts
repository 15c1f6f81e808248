import { useEffect, useRef } from 'react';

/** Input that counts as the clerk being at the desk. */
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
/** How often the idle time is looked at; the lock comes at most this late. */
const CHECK_EVERY_MS = 5_000;

/**
 * Calls `onIdle` once after `minutes` without keyboard, mouse or touch input in this window
 * (0: never). Compared against the clock rather than a single long timer, so a suspended or
 * throttled window locks as soon as it runs again.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (minutes <= 0) return;
    const limitMs = minutes * 60_000;
    let last = Date.now();
    let fired = false;
    const seen = () => {
      last = Date.now();
    };
    for (const name of ACTIVITY)
      window.addEventListener(name, seen, { capture: true, passive: true });
    const timer = window.setInterval(
      () => {
        if (fired || Date.now() - last < limitMs) return;
        fired = true;
        onIdleRef.current();
      },
      Math.min(CHECK_EVERY_MS, limitMs),
    );
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, seen, { capture: true });
    };
  }, [minutes]);
}

/** Ctrl+Shift+L: the clerk locks the console on leaving the desk. */
export function isLockKey(event: KeyboardEvent): boolean {
  return (
    event.ctrlKey && event.shiftKey && !event.altKey && !event.metaKey && event.code === 'KeyL'
  );
}
