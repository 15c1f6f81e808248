export interface Throttled {
  (): void;
  cancel(): void;
}

/** Leading and trailing: the first call runs at once, a burst once more at its end. */
export function throttle(fn: () => void, ms: number): Throttled {
  let timer: NodeJS.Timeout | null = null;
  let pending = false;
  let cancelled = false;
  const tick = () => {
    if (pending && !cancelled) {
      pending = false;
      fn();
      timer = setTimeout(tick, ms);
    } else {
      timer = null;
    }
  };
  const throttled = () => {
    if (cancelled) return;
    if (timer) {
      pending = true;
      return;
    }
    fn();
    timer = setTimeout(tick, ms);
  };
  throttled.cancel = () => {
    cancelled = true;
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return throttled;
}
