/**
 * Turns what a clerk typed into an FTS5 query for `case_search` (migration 0006), or a plate
 * prefix when it is too short for the trigram index.
 *
 * Every part is wrapped in double quotes (inner quotes doubled), which makes it an FTS5 string:
 * `*`, `NEAR(`, `AND`, `:` and parentheses are searched literally and never parsed as syntax.
 * The trigram tokenizer matches a string of three or more characters anywhere; shorter strings
 * match nothing, so short words are glued to their neighbours ("M AB 12" stays one phrase,
 * "Leopoldstraße 12" finds street and house number), and words of three or more characters each
 * become their own phrase, all of which must match.
 */
export type SearchPlan =
  { kind: 'none' } | { kind: 'fts'; query: string } | { kind: 'platePrefix'; prefix: string };

const MIN_TRIGRAM = 3;
const length = (text: string) => [...text].length;
const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

export function planSearch(input: string | undefined): SearchPlan {
  const words = (input ?? '').split(/\s+/u).filter((w) => w.length > 0);
  if (words.length === 0) return { kind: 'none' };

  const groups: { words: string[]; long: boolean }[] = [];
  for (const word of words) {
    const long = length(word) >= MIN_TRIGRAM;
    const last = groups.at(-1);
    if (last && (!long || !last.long)) {
      last.words.push(word);
      last.long ||= long;
    } else {
      groups.push({ words: [word], long });
    }
  }
  const phrases = groups.map((g) => g.words.join(' ')).filter((p) => length(p) >= MIN_TRIGRAM);
  if (phrases.length === 0) return { kind: 'platePrefix', prefix: words.join(' ').toUpperCase() };
  return { kind: 'fts', query: phrases.map(quote).join(' AND ') };
}
