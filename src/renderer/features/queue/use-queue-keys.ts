import { useEffect, useRef } from 'react';
import type { QueueView } from '../../../shared/contract';
import { inDialog, isTextEntry } from '../../components/keys';
import { viewForKey } from './queue-state';

/**
 * The queue's window-wide keys: `/` and Ctrl+F to the search box, Alt+1 … Alt+7 for the views.
 * Keys inside a dialog belong to the dialog.
 */
export function useQueueKeys(handlers: {
  /** False while another area is shown. */
  active: boolean;
  focusSearch: () => void;
  selectView: (view: QueueView) => void;
}) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !latest.current.active) return;
      const target = event.target;
      if (inDialog(target)) return;
      const ctrl = event.ctrlKey || event.metaKey;
      if (event.altKey && !ctrl && !event.shiftKey) {
        const view = viewForKey(event.code);
        if (view) {
          event.preventDefault();
          latest.current.selectView(view);
        }
        return;
      }
      if (ctrl && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        latest.current.focusSearch();
        return;
      }
      if (event.key === '/' && !ctrl && !event.altKey && !isTextEntry(target)) {
        event.preventDefault();
        latest.current.focusSearch();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
