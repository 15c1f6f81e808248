import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { CallInput, MessagesPage } from '../../shared/contract';
import { kvue } from './kvue';
import { queryKeys } from './query-keys';

/**
 * Every key starts under `messages`, so `data.changed` for messages (a synced message, a receipt,
 * a sent one) refreshes the list, the open conversation and a search together.
 */
export const messageKeys = {
  all: queryKeys.messages.all,
  conversations: [...queryKeys.messages.all, 'conversations'] as const,
  total: (conversationId: string) => ['messages', 'total', conversationId] as const,
  page: (conversationId: string, pageSize: number, pageIndex: number) =>
    ['messages', 'page', conversationId, pageSize, pageIndex] as const,
  search: (query: string) => ['messages', 'search', query] as const,
};

/** The clerk's conversations with unread counts, most recently active first. */
export function useConversations() {
  return useQuery({
    queryKey: messageKeys.conversations,
    queryFn: () => kvue.conversations.list({}),
  });
}

/**
 * A conversation's length, asked for with its last page (`tail`): one call sizes the list and
 * brings the newest messages, which go into the page cache as the page they are.
 */
export function useConversationTotal(conversationId: string, pageSize: number) {
  const client = useQueryClient();
  return useQuery({
    queryKey: messageKeys.total(conversationId),
    queryFn: async () => {
      const page = await kvue.messages.page({
        conversationId,
        offset: 0,
        limit: pageSize,
        tail: true,
      });
      client.setQueryData(messageKeys.page(conversationId, pageSize, page.offset / pageSize), page);
      return page.total;
    },
  });
}

export interface MessagePageResult {
  pageIndex: number;
  data: MessagesPage | undefined;
  error: Error | null;
  isFetching: boolean;
  refetch: () => void;
}

/** One query per page of the conversation in view, like the queue's pages. */
export function useMessagePages(
  conversationId: string,
  pageSize: number,
  pageIndexes: readonly number[],
  enabled: boolean,
): MessagePageResult[] {
  return useQueries({
    queries: pageIndexes.map((pageIndex) => ({
      queryKey: messageKeys.page(conversationId, pageSize, pageIndex),
      queryFn: () =>
        kvue.messages.page({ conversationId, offset: pageIndex * pageSize, limit: pageSize }),
      enabled,
      placeholderData: keepPreviousData,
    })),
    combine: (results) =>
      results.map((result, i) => ({
        pageIndex: pageIndexes[i] ?? -1,
        data: result.data,
        error: result.error,
        isFetching: result.isFetching,
        refetch: () => void result.refetch(),
      })),
  });
}

/** Full-text search over the clerk's messages; asked for from two characters on. */
export function useMessageSearch(query: string) {
  const trimmed = query.trim();
  return useQuery({
    queryKey: messageKeys.search(trimmed),
    queryFn: () => kvue.messages.search({ query: trimmed }),
    enabled: trimmed.length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** Sends into a conversation (or opens a direct one); the list and the view refresh at once. */
export function useSendToConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'messages.send'>) => kvue.messages.send(input),
    onSettled: () => void client.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

/** Marks the messages on screen read (or arrived ones delivered) in one call. */
export function useMarkMessages() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'messages.markMany'>) => kvue.messages.markMany(input),
    onSettled: () => void client.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

/** Marks others' messages read or acknowledged. */
export function useMarkMessage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'messages.mark'>) => kvue.messages.mark(input),
    onSettled: () => void client.invalidateQueries({ queryKey: messageKeys.all }),
  });
}
