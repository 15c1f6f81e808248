import { useCallback, useState } from 'react';
import { type DispatchTemplate, parseTemplates, withTemplate } from './templates';

/**
 * The team lead's dispatch templates, kept on this desk per user (the server has no templates;
 * a lead works at one desk).
 */
export function useTemplates(userId: string | null) {
  const key = `kvue.dispatchTemplates.${userId ?? 'unknown'}`;
  const [state, setState] = useState<{ key: string; list: DispatchTemplate[] }>(() => ({
    key,
    list: read(key),
  }));
  const list = state.key === key ? state.list : read(key);
  const store = useCallback(
    (next: DispatchTemplate[]) => {
      setState({ key, list: next });
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage refused: the templates last for this session.
      }
    },
    [key],
  );
  return {
    templates: list,
    save: (template: DispatchTemplate) => store(withTemplate(list, template)),
    remove: (id: string) => store(list.filter((t) => t.id !== id)),
  };
}

function read(key: string): DispatchTemplate[] {
  try {
    return parseTemplates(window.localStorage.getItem(key));
  } catch {
    return [];
  }
}
