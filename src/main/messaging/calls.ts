import type { ContractImpl } from '../../shared/contract';
import type { Db } from '../db/connection';
import { listConversations } from './conversations';
import { dispatchDetail, listDispatches } from './dispatches';
import { messagesPage } from './page';
import type { Reader } from './reader';
import { searchMessages } from './search';

type MessageCallsImpl = Pick<
  ContractImpl,
  'conversations.list' | 'messages.page' | 'messages.search' | 'dispatch.list' | 'dispatch.get'
>;

export interface MessageCallsOptions {
  /** The logged-in user, or null before the first login (then every list is empty). */
  me: () => Reader | null;
}

/** Reading conversations and messages (issue #6) over the local database. */
export function messageCallsImpl(db: Db, options: MessageCallsOptions): MessageCallsImpl {
  return {
    'conversations.list': async () => listConversations(db, options.me()),
    'messages.page': async (input) => messagesPage(db, input, options.me()),
    'messages.search': async (input) => searchMessages(db, input, options.me()),
    'dispatch.list': async () => listDispatches(db, options.me()),
    'dispatch.get': async (input) => dispatchDetail(db, input.dispatchId, options.me()),
  };
}
