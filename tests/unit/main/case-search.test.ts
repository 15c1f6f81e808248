import { describe, expect, it } from 'vitest';
import { planSearch } from '../../../src/main/cases/search';

describe('planSearch', () => {
  it.each([
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
    ['M-AB', { kind: 'fts', query: '"M-AB"' }],
    ['Müller Leopold', { kind: 'fts', query: '"Müller" AND "Leopold"' }],
    // Short words stay with their neighbours: the trigram index cannot find them alone.
    ['M AB 1234', { kind: 'fts', query: '"M AB 1234"' }],
    ['Leopoldstraße 12', { kind: 'fts', query: '"Leopoldstraße 12"' }],
    // Quotes are doubled inside an FTS5 string; operators and stars are just text there.
    ['a"b', { kind: 'fts', query: '"a""b"' }],
    ['NEAR( x', { kind: 'fts', query: '"NEAR( x"' }],
    ['M-AB* OR plate:1', { kind: 'fts', query: '"M-AB* OR" AND "plate:1"' }],
    ['m', { kind: 'platePrefix', prefix: 'M' }],
    ['ro', { kind: 'platePrefix', prefix: 'RO' }],
    ['"', { kind: 'platePrefix', prefix: '"' }],
  ] as const)('%j', (input, plan) => {
    expect(planSearch(input)).toEqual(plan);
  });
});
