import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  type PhotoTransport,
  photoUrl,
  type PhotoVariant,
} from '../../shared/contract/photo-calls';
import { kvue } from './kvue';

/** Photo queries live under the `photos` root, so `data.changed` for photos refreshes them. */
export const photoQueryKeys = {
  forCase: (caseId: string) => ['photos', 'case', caseId] as const,
};

/**
 * The preload sets `window.kvue` only in Electron; without it the renderer talks to the browser
 * host, whose photos are served under /photo/. Decided once: the transport never changes.
 */
const transport: PhotoTransport = window.kvue ? 'electron' : 'browser-host';

/** The only way features address a photo: by hash, on this renderer's transport. */
export function casePhotoUrl(sha256: string, variant: PhotoVariant): string {
  return photoUrl(sha256, transport, variant);
}

/**
 * A case's photos with their download state. Opening the case moves its photos to the front of
 * main's download queue; `data.changed` for photos then refetches the list as they arrive.
 */
export function useCasePhotos(caseId: string) {
  const prioritize = usePrioritizePhotos();
  const { mutate } = prioritize;
  useEffect(() => {
    mutate(caseId);
  }, [caseId, mutate]);
  return useQuery({
    queryKey: photoQueryKeys.forCase(caseId),
    queryFn: () => kvue.photos.forCase({ caseId }),
  });
}

/** Front of the queue, and failed photos tried again: the clerk's "retry". */
export function usePrioritizePhotos() {
  return useMutation({ mutationFn: (caseId: string) => kvue.photos.prioritize({ caseId }) });
}
