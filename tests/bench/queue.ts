/**
 * bench:queue — the review queue's main-process figures on 1,000,000 cases (issue #5).
 *
 * Fills a temporary SQLite database through the sync's applier (so the search triggers run as in
 * a first sync), then measures in process, through the contract's input schemas:
 *   page_p95_ms   a mix of ~200 queue pages (views, filters, searches, sorts, deep offsets)
 *   case_open_ms  p95 of cases.get
 *   counts_ms     p95 of cases.queueCounts
 *   total_p95_ms  p95 of cases.queueTotal, once per page's filter
 * each also as a ratio to the baseline measured in the same run: the first page of the
 * existing `cases.list` (a plain indexed page). The last line is one JSON object.
 *
 *   npm run bench:queue [-- --cases 1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calls } from '../../src/shared/contract';
import type { CasesQueueInput } from '../../src/shared/contract/case-calls';
import { caseCallsImpl } from '../../src/main/cases/calls';
import { listCases } from '../../src/main/cases/list';
import { openDatabase } from '../../src/main/db/connection';
import { BENCH_ME, BENCH_NOW, generate, rng } from './support/queue-data';

const TARGET_PAGE_MS = 50;
const TARGET_OPEN_MS = 100;

function parseCases(): number {
  const at = process.argv.indexOf('--cases');
  const value = at >= 0 ? Number(process.argv[at + 1]) : 1_000_000;
  if (!Number.isInteger(value) || value < 1000) throw new Error('--cases wants an integer ≥ 1000');
  return value;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const round = (ms: number) => Number(ms.toFixed(2));

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** ~200 pages as clerks ask for them: mostly views and sorts, some filters, searches, deep pages. */
function queryMix(): { label: string; input: CasesQueueInput }[] {
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
  const fields = [
    'observedAt',
    'fileNumber',
    'plate',
    'fineCents',
    'district',
    'status',
    'deadline',
  ] as const;
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
  const mix: { label: string; input: CasesQueueInput }[] = [];
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

async function main(): Promise<void> {
  const total = parseCases();
  const dir = mkdtempSync(join(tmpdir(), 'kvue-bench-queue-'));
  const db = openDatabase(join(dir, 'console.db'));
  try {
    console.log(`filling ${total.toLocaleString('en')} cases through the sync applier…`);
    // Only for the fill: a bench database need not survive a power cut; the app keeps FULL.
    db.pragma('synchronous = OFF');
    const data = generate(db, total);
    db.pragma('synchronous = FULL');
    console.log(
      `filled: ${data.cases.toLocaleString('en')} cases, ${data.disputes.toLocaleString('en')} ` +
        `disputes in ${data.seconds.toFixed(1)} s`,
    );
    db.pragma('optimize');

    const impl = caseCallsImpl(db, { me: () => BENCH_ME, now: () => BENCH_NOW });
    const queue = (input: CasesQueueInput) =>
      impl['cases.queue'](calls['cases.queue'].input.parse(input));

    // Baseline: the existing first page of cases.list, newest first.
    const listInput = calls['cases.list'].input.parse({ offset: 0, limit: 100 });
    listCases(db, listInput);
    const baseline: number[] = [];
    for (let i = 0; i < 50; i++) baseline.push(await time(() => listCases(db, listInput)));
    const baselineP95 = percentile(baseline, 95);

    const mix = queryMix();
    for (const { input } of mix.slice(0, 20)) await queue(input); // warm the page cache a little
    const pages: { label: string; ms: number }[] = [];
    for (const { label, input } of mix) pages.push({ label, ms: await time(() => queue(input)) });
    const pageTimes = pages.map((p) => p.ms);
    const pageP95 = percentile(pageTimes, 95);

    // The total, asked once per filter (the renderer caches it while paging).
    const totals: number[] = [];
    for (const { input } of mix) {
      // The filter is the page's input without its paging and sort.
      const parsed = calls['cases.queueTotal'].input.parse(
        Object.fromEntries(
          Object.entries(input).filter(([key]) => !['sort', 'offset', 'limit'].includes(key)),
        ),
      );
      totals.push(await time(() => impl['cases.queueTotal'](parsed)));
    }
    const totalP95 = percentile(totals, 95);

    const opens: number[] = [];
    for (const caseId of data.sample) {
      const input = calls['cases.get'].input.parse({ caseId });
      opens.push(await time(() => impl['cases.get'](input)));
    }
    const openP95 = percentile(opens, 95);

    const counts: number[] = [];
    for (let i = 0; i < 20; i++) counts.push(await time(() => impl['cases.queueCounts']({})));
    const countsP95 = percentile(counts, 95);

    const ratio = (ms: number) => Number((ms / baselineP95).toFixed(2));
    console.log(`baseline (cases.list first page) p95: ${round(baselineP95)} ms`);
    console.log(
      `queue page p95: ${round(pageP95)} ms (p50 ${round(percentile(pageTimes, 50))}, max ` +
        `${round(Math.max(...pageTimes))}; ${pages.length} pages; target ≤ ${TARGET_PAGE_MS}) ` +
        `= ${ratio(pageP95)}× baseline`,
    );
    console.log(
      `case open p95: ${round(openP95)} ms (${opens.length} cases; target ≤ ${TARGET_OPEN_MS}) ` +
        `= ${ratio(openP95)}× baseline`,
    );
    console.log(
      `filter total p95: ${round(totalP95)} ms (capped at 10,000; max ` +
        `${round(Math.max(...totals))}) = ${ratio(totalP95)}× baseline`,
    );
    console.log(`view counts p95: ${round(countsP95)} ms = ${ratio(countsP95)}× baseline`);
    console.log('slowest pages:');
    for (const p of [...pages].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
      console.log(`  ${round(p.ms)} ms  ${p.label}`);
    }
    console.log(
      JSON.stringify({
        cases: total,
        disputes: data.disputes,
        fill_s: Number(data.seconds.toFixed(1)),
        page_p95_ms: round(pageP95),
        case_open_ms: round(openP95),
        counts_ms: round(countsP95),
        total_p95_ms: round(totalP95),
        baseline_list_p95_ms: round(baselineP95),
        page_ratio_to_baseline: ratio(pageP95),
        case_open_ratio_to_baseline: ratio(openP95),
        counts_ratio_to_baseline: ratio(countsP95),
      }),
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('bench:queue failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
