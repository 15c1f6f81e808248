import type { ContractImpl } from '../../shared/contract';
import type { ServerSession } from '../sync/session';

type SessionImpl = Pick<
  ContractImpl,
  'session.info' | 'session.signIn' | 'session.unlock' | 'session.lock' | 'session.signOut'
>;

export function sessionCallsImpl(session: ServerSession): SessionImpl {
  return {
    'session.info': async () => session.info(),
    'session.signIn': async ({ username, password }) => {
      const { refused } = await session.signIn(username, password);
      return { session: session.info(), refused };
    },
    'session.unlock': async ({ password }) => {
      const { refused } = await session.unlock(password);
      return { session: session.info(), refused };
    },
    'session.lock': async () => {
      session.lock();
      return session.info();
    },
    'session.signOut': async () => {
      await session.signOut();
      return session.info();
    },
  };
}
