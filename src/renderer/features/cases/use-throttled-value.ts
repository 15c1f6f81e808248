import { useEffect, useRef, useState } from 'react';

/**
 * `value`, updated at most once per `intervalMs` and always ending on the latest value. Used so a
 * fast scroll asks main for the pages where it passes a few times a second, not for every page.
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [throttled, setThrottled] = useState(value);
  const lastUpdate = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, lastUpdate.current + intervalMs - Date.now());
    const timer = setTimeout(() => {
      lastUpdate.current = Date.now();
      setThrottled(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return throttled;
}
