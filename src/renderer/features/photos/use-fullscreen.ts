import { type RefObject, useCallback, useEffect, useState } from 'react';

/**
 * Full screen for one element through the Fullscreen API. The browser leaves full screen on
 * Escape by itself; the state follows `fullscreenchange` so the button stays truthful.
 */
export function useFullscreen(target: RefObject<HTMLElement | null>) {
  const [active, setActive] = useState(false);

  useEffect(() => {
    const update = () => setActive(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', update);
    return () => {
      document.removeEventListener('fullscreenchange', update);
      // Closing the viewer must not leave the window stuck in full screen.
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  const toggle = useCallback(() => {
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
    } else {
      // Refused without a user gesture or by policy; the viewer works the same without it.
      void target.current?.requestFullscreen().catch(() => undefined);
    }
  }, [target]);

  return { active, toggle };
}
