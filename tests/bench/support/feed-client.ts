import { FEED_PAGE_MAX } from '../../../src/shared/sync/feed';

export interface FeedReadResult {
  rows: number;
  pages: number;
  cursor: number;
  bytes: number;
}

interface EndLine {
  kind: 'end';
  cursor: number;
  hasMore: boolean;
}

function isEnd(value: unknown): value is EndLine {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'end'
  );
}

/**
 * Reads one page as a client would: the body as it streams in, split into lines, each line
 * JSON-parsed. Counting happens on parsed objects so a malformed line fails the benchmark.
 */
async function readPage(
  baseUrl: string,
  token: string,
  cursor: number,
): Promise<{ rows: number; end: EndLine; bytes: number }> {
  const url = new URL('/sync/feed', baseUrl);
  url.searchParams.set('cursor', String(cursor));
  url.searchParams.set('limit', String(FEED_PAGE_MAX));
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200 || !response.body) {
    throw new Error(`GET /sync/feed answered ${response.status}: ${await response.text()}`);
  }
  const decoder = new TextDecoder();
  let rest = '';
  let rows = 0;
  let bytes = 0;
  let end: EndLine | null = null;
  const take = (line: string) => {
    const parsed: unknown = JSON.parse(line);
    if (end) throw new Error('line after the end line');
    if (isEnd(parsed)) end = parsed;
    else rows++;
  };
  for await (const chunk of response.body) {
    bytes += chunk.byteLength;
    const text = decoder.decode(chunk, { stream: true });
    let newline = text.indexOf('\n');
    if (newline < 0) {
      rest += text;
      continue;
    }
    // Only a line cut by the chunk boundary is joined; the others are slices of this chunk.
    take(rest + text.slice(0, newline));
    let start = newline + 1;
    for (newline = text.indexOf('\n', start); newline >= 0; newline = text.indexOf('\n', start)) {
      take(text.slice(start, newline));
      start = newline + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) throw new Error('page ended mid-line');
  if (!end) throw new Error('page without its end line');
  return { rows, end, bytes };
}

/** Follows the feed from `cursor` with the largest page size until `hasMore` is false. */
export async function readWholeFeed(baseUrl: string, token: string): Promise<FeedReadResult> {
  let cursor = 0;
  let rows = 0;
  let pages = 0;
  let bytes = 0;
  for (;;) {
    const page = await readPage(baseUrl, token, cursor);
    rows += page.rows;
    bytes += page.bytes;
    pages++;
    cursor = page.end.cursor;
    if (!page.end.hasMore) return { rows, pages, cursor, bytes };
  }
}
