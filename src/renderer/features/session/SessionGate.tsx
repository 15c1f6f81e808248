import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { clearAllButSession, useLock, useSession } from '../../api/use-session';
import { SignInPage } from './SignInPage';
import { isLockKey, useIdleLock } from './use-idle-lock';

/**
 * Shows the app only while signed in. Locking or signing out unmounts all of it and drops every
 * cached answer, so nothing of a case is left on screen or in memory for the next person at the
 * desk; the login or lock screen takes its place.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const state = session.data?.state;
  const wasSignedIn = useRef(false);
  useEffect(() => {
    if (state === 'signed_in') wasSignedIn.current = true;
    else if (state && wasSignedIn.current) {
      wasSignedIn.current = false;
      clearAllButSession(client);
    }
  }, [state, client]);

  if (session.isError) {
    return (
      <div role="alert" data-testid="session-error">
        {t('session.failed', { error: session.error.message })}
      </div>
    );
  }
  if (!session.data) return null;
  if (session.data.state !== 'signed_in') return <SignInPage info={session.data} />;
  return <SignedIn idleLockMinutes={session.data.idleLockMinutes}>{children}</SignedIn>;
}

function SignedIn({ idleLockMinutes, children }: { idleLockMinutes: number; children: ReactNode }) {
  const lock = useLock();
  const { mutate } = lock;
  useIdleLock(idleLockMinutes, () => mutate());
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isLockKey(event)) return;
      event.preventDefault();
      mutate();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [mutate]);
  return children;
}
