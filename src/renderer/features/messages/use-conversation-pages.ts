import { useCallback, useState } from 'react';
import type { MessagesPage, MessageView } from '../../../shared/contract';
import { useConversationTotal, useMessagePages } from '../../api/use-messages';
import { pagesForRange, type RowRange, rowAt } from '../cases/paging';

/** Messages per `messages.page` call: a couple of screens. */
export const MESSAGE_PAGE_SIZE = 50;
/** Messages beyond those in view whose page is fetched ahead. */
const PREFETCH_ROWS = 20;

/**
 * A conversation's messages by position, only the pages in view: a 100,000-message conversation
 * costs what a short one does. The length comes with the last page first, then from every page
 * answered, so new messages grow the list as they arrive.
 */
export function useConversationPages(conversationId: string) {
  const total = useConversationTotal(conversationId, MESSAGE_PAGE_SIZE);
  const [pages, setPages] = useState<string>('');
  const count = total.data;
  const onVisibleRangeChange = useCallback((range: RowRange, rowCount: number) => {
    const next = pagesForRange(range, MESSAGE_PAGE_SIZE, PREFETCH_ROWS, rowCount).join(',');
    setPages((prev) => (prev === next ? prev : next));
  }, []);
  const pageIndexes = pages === '' ? [] : pages.split(',').map(Number);
  const results = useMessagePages(
    conversationId,
    MESSAGE_PAGE_SIZE,
    pageIndexes,
    count !== undefined,
  );
  const loaded = new Map<number, { offset: number; rows: readonly MessageView[] }>();
  let newest: MessagesPage | undefined;
  for (const result of results) {
    if (!result.data) continue;
    loaded.set(result.pageIndex, { offset: result.data.offset, rows: result.data.items });
    if (!newest || result.data.total > newest.total) newest = result.data;
  }
  const failed = results.filter((result) => result.error && !result.isFetching);

  return {
    /** Undefined until the length is known. */
    count: Math.max(count ?? 0, newest?.total ?? 0) || count,
    messageAt: (index: number): MessageView | undefined => rowAt(loaded, index, MESSAGE_PAGE_SIZE),
    onVisibleRangeChange,
    error: total.error ?? failed[0]?.error ?? null,
    retry: () => {
      if (total.error) void total.refetch();
      failed.forEach((result) => result.refetch());
    },
  };
}
