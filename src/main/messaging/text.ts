import { EXCERPT_MAX } from '../../shared/contract/message-calls';

/** How much of the text before a search match an excerpt keeps, in characters. */
const LEAD = 30;
const ELLIPSIS = '…';

/** Runs of whitespace (line breaks too) become one space: an excerpt is a single line. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Moves a cut off the second half of a surrogate pair, so no emoji is split. */
const isLowSurrogate = (text: string, at: number) => {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff;
};

/**
 * A one-line excerpt of a message body of at most EXCERPT_MAX characters plus an ellipsis at
 * either end where something was cut. With `at` (which finds an offset in the collapsed text,
 * as a search's first match) the excerpt starts a little before that offset, at a word, so the
 * match is in view; without, or when it finds none, the excerpt is the body's start.
 */
export function excerptOf(body: string, at?: (text: string) => number | null): string {
  const text = collapseWhitespace(body);
  if (text.length <= EXCERPT_MAX) return text;
  const match = at?.(text) ?? 0;
  let start = 0;
  if (match > LEAD) {
    // Near the end: show the end whole rather than a short tail.
    start = Math.min(match - LEAD, text.length - (EXCERPT_MAX - 1));
    // At a word, if one starts before the match.
    const space = text.indexOf(' ', start - 1);
    if (space >= start - 1 && space < match) start = space + 1;
    if (isLowSurrogate(text, start)) start++;
  }
  const lead = start > 0 ? ELLIPSIS : '';
  const room = EXCERPT_MAX - lead.length;
  if (text.length - start <= room) return lead + text.slice(start);
  let end = start + room;
  if (isLowSurrogate(text, end)) end--;
  return lead + text.slice(start, end).trimEnd() + ELLIPSIS;
}
