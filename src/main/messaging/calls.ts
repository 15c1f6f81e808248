import type { ContractImpl } from '../../shared/contract';
import type { Db } from '../db/connection';
import { listConversations } from './conversations';
import { messagesPage } from './page';
import type { Reader } from './reader';
import { searchMessages } from './search';

type MessageCallsImpl = Pick<
  ContractImpl,
  'conversations.list' | 'messages.page' | 'messages.search'
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
  };
}
