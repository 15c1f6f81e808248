import { useCallback, useState } from 'react';

const KEY = 'kvue.doNotDisturb';

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** "Do not disturb", kept across restarts on this desk. */
export function useDoNotDisturb(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(read);
  const set = useCallback((next: boolean) => {
    setOn(next);
    try {
      window.localStorage.setItem(KEY, next ? '1' : '0');
    } catch {
      // Storage full or blocked: the switch still holds for this session.
    }
  }, []);
  return [on, set];
}
