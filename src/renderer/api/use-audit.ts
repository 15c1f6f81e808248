import { useEffect } from 'react';
import { kvue } from './kvue';

/**
 * Reports that the clerk has this case (or one of its photos, in full) on screen, for the
 * server's audit trail. Once per case and photo shown; main folds quick repeats into one view.
 */
export function useRecordView(caseId: string | null, photoSha256?: string): void {
  useEffect(() => {
    if (!caseId) return;
    kvue.audit
      .viewed(photoSha256 ? { caseId, photoSha256 } : { caseId })
      .catch((error: unknown) => console.warn('[audit] a view could not be recorded', error));
  }, [caseId, photoSha256]);
}
