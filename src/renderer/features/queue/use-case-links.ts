import { useEffect, useRef, useState } from 'react';
import { kvue } from '../../api/kvue';
import type { CaseRequest } from './QueueScreen';

/**
 * The case a `kvue://case/<id>` link asks for. Main keeps a link until the signed-in app takes
 * it, so one that came at start or while the console was locked opens now; `onLink` brings the
 * queue to the front.
 */
export function useCaseLinks(onLink: () => void): CaseRequest | null {
  const [request, setRequest] = useState<CaseRequest | null>(null);
  const latest = useRef(onLink);
  useEffect(() => {
    latest.current = onLink;
  }, [onLink]);
  useEffect(() => {
    let mounted = true;
    const take = () => {
      kvue.app.takeOpenCase({}).then(
        (link) => {
          if (!mounted || !link) return;
          latest.current();
          setRequest({ caseId: link.caseId, at: Date.now() });
        },
        (error: unknown) => console.error('[links] could not take the case link', error),
      );
    };
    take();
    const off = kvue.on('app.openCase', take);
    return () => {
      mounted = false;
      off();
    };
  }, []);
  return request;
}
