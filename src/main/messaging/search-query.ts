/**
 * Turns what a clerk typed into an FTS5 query for `message_search` (migration 0011), and finds
 * where in a body the first match is, for the hit's excerpt.
 *
 * Every word (split at whitespace) is wrapped in double quotes, inner quotes doubled, and marked
 * as a prefix: `"word"*`. Inside quotes FTS5 takes `*`, `"`, `NEAR(`, `AND`, `:` and parentheses
 * as text, never as syntax; the unicode61 tokenizer then drops the punctuation, so `"Zitat"`
 * finds Zitat, and `M-AB` is the phrase "m ab". All words must match (FTS5's implicit AND). A
 * word with no letter or digit would tokenize to nothing and is left out.
 */
export interface MessageSearchPlan {
  /** The FTS5 query. */
  query: string;
  /**
   * Each word's tokens, folded as the index folds them, to locate the first match in a body: the
   * tokens in a row, the last one as a prefix (`M-QX` is the phrase "m" then "qx…").
   */
  phrases: string[][];
}

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** Case and accents folded the way `unicode61 remove_diacritics 2` folds them (near enough). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The query, or null when no word has anything to search for. */
export function planMessageSearch(input: string): MessageSearchPlan | null {
  const words = input.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  return {
    query: words.map((w) => `${quote(w)}*`).join(' '),
    phrases: words.map((w) => [...w.matchAll(TOKEN)].map((m) => fold(m[0]))),
  };
}

/**
 * The offset in `text` of the first place where one of the phrases matches, or null. This
 * mirrors the tokenizer closely enough for an excerpt; where it does not (an unusual script),
 * the excerpt shows the body's start instead.
 */
export function firstMatch(text: string, phrases: readonly (readonly string[])[]): number | null {
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({ at: m.index, folded: fold(m[0]) }));
  const matchesAt = (i: number, phrase: readonly string[]) =>
    phrase.length > 0 &&
    phrase.every((part, k) => {
      const token = tokens[i + k]?.folded;
      if (token === undefined) return false;
      return k === phrase.length - 1 ? token.startsWith(part) : token === part;
    });
  for (let i = 0; i < tokens.length; i++) {
    if (phrases.some((phrase) => matchesAt(i, phrase))) return tokens[i]?.at ?? null;
  }
  return null;
}
