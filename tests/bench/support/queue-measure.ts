import { calls, type ContractImpl } from '../../../src/shared/contract';
import { QUEUE_SORT_FIELDS, type CasesQueueInput } from '../../../src/shared/contract/case-calls';
import { rng } from './queue-data';

/** The `p`th percentile by the nearest-rank method (0 for no values). */
export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
export const round = (ms: number): number => Number(ms.toFixed(2));

export async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Reads `--cases N` (default a million; at least 1000, below that nothing is worth timing). */
export function parseCases(argv: readonly string[] = process.argv): number {
  const at = argv.indexOf('--cases');
  const value = at >= 0 ? Number(argv[at + 1]) : 1_000_000;
  if (!Number.isInteger(value) || value < 1000) throw new Error('--cases wants an integer ≥ 1000');
  return value;
}

export interface QueuePage {
  label: string;
  input: CasesQueueInput;
}

/** ~200 pages as clerks ask for them: mostly views and sorts, some filters, searches, deep pages. */
export function queryMix(): QueuePage[] {
  const r = rng(11);
  const views = [
    'disputed',
    'unassigned',
    'mine',
    'due_soon',
    'awaiting_statement',
    'conflicts',
    'all',
  ] as const;
  const fields = QUEUE_SORT_FIELDS;
  const searches = [
    'M-AB',
    'M-K',
    '1234',
    'VW-2026-00123',
    'leopold',
    'Müller',
    'Muller',
    'Parkschein',
    'defekt',
    'Schelling 12',
    'RO',
    'Straße',
    '"*NEAR(',
  ];
  const mix: QueuePage[] = [];
  for (let i = 0; i < 200; i++) {
    const view = r.pick(views);
    const sort = { field: r.pick(fields), dir: r.pick(['asc', 'desc'] as const) };
    const input: CasesQueueInput = { view, sort, limit: 100 };
    const kind = i % 10;
    let label = `${view} by ${sort.field}`;
    if (kind === 1) {
      input.district = [1 + r.int(25)];
      label += ' +district';
    } else if (kind === 2) {
      input.fineMin = 2000;
      input.fineMax = 3500;
      input.observedFrom = '2026-06-01';
      input.observedTo = '2026-10-31';
      label += ' +fine+date';
    } else if (kind === 3 || kind === 4) {
      input.search = r.pick(searches);
      label += ` +search ${JSON.stringify(input.search)}`;
    } else if (kind === 5) {
      input.offset = r.pick([1000, 5000, 20_000]);
      label += ` @${input.offset}`;
    } else if (kind === 6) {
      input.officerId = `officer-${1 + r.int(250)}`;
      label += ' +officer';
    } else if (kind === 7) {
      input.status = ['disputed', 'awaiting_statement'];
      input.offenceCode = '112407';
      label += ' +status+offence';
    }
    mix.push({ label, input });
  }
  return mix;
}

/** The two main-process calls the page figures need, however they are reached. */
export interface QueueCalls {
  queue(input: Parameters<ContractImpl['cases.queue']>[0]): Promise<unknown> | unknown;
  list(input: Parameters<ContractImpl['cases.list']>[0]): Promise<unknown> | unknown;
}

export interface QueuePageFigures {
  /** p95 of the first page of `cases.list`, newest first: a plain indexed page. */
  baselineP95: number;
  pageP95: number;
  pageTimes: number[];
  pages: { label: string; ms: number }[];
}

/**
 * Times the query mix through `cases.queue` (each input parsed by the contract's schema first,
 * as the transports do) against the baseline of `cases.list`'s first page, in the same run.
 */
export async function measureQueuePages(target: QueueCalls): Promise<QueuePageFigures> {
  const listInput = calls['cases.list'].input.parse({ offset: 0, limit: 100 });
  await target.list(listInput);
  const baseline: number[] = [];
  for (let i = 0; i < 50; i++) baseline.push(await time(() => target.list(listInput)));

  const queue = (input: CasesQueueInput) => target.queue(calls['cases.queue'].input.parse(input));
  const mix = queryMix();
  for (const { input } of mix.slice(0, 20)) await queue(input); // warm the page cache a little
  const pages: { label: string; ms: number }[] = [];
  for (const { label, input } of mix) pages.push({ label, ms: await time(() => queue(input)) });
  const pageTimes = pages.map((p) => p.ms);
  return {
    baselineP95: percentile(baseline, 95),
    pageP95: percentile(pageTimes, 95),
    pageTimes,
    pages,
  };
}
