import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import {
  loadQueueState,
  type QueueAction,
  queueReducer,
  type QueueState,
  saveQueueState,
} from './queue-state';

/** Long enough that a plate typed at office speed is one query, short enough to feel live. */
const SEARCH_DEBOUNCE_MS = 250;

const storage = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

/**
 * The queue's view, filters, sort and search, restored from and saved to localStorage. The search
 * box's text is kept apart from the debounced search the queries use.
 */
export function useQueueState() {
  const [state, dispatch] = useReducer(queueReducer, undefined, () => loadQueueState(storage()));
  const [searchText, setSearchTextState] = useState(state.search);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latestText = useRef(state.search);

  useEffect(() => saveQueueState(storage(), state), [state]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const setSearchText = useCallback((text: string) => {
    setSearchTextState(text);
    latestText.current = text;
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => dispatch({ type: 'search', search: text }),
      SEARCH_DEBOUNCE_MS,
    );
  }, []);

  /** Enter in the box: search now, without waiting for the debounce. */
  const commitSearch = useCallback(() => {
    clearTimeout(timer.current);
    dispatch({ type: 'search', search: latestText.current });
  }, []);

  const act = useCallback((action: QueueAction) => {
    if (action.type === 'reset') {
      clearTimeout(timer.current);
      setSearchTextState('');
      latestText.current = '';
    }
    dispatch(action);
  }, []);

  return { state, dispatch: act, searchText, setSearchText, commitSearch };
}

export type { QueueState };
