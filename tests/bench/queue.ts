/**
 * bench:queue — the review queue's main-process figures on 1,000,000 cases (issue #5).
 *
 * Fills a temporary SQLite database through the sync's applier as a first sync does (bulk load:
 * derived indexes and search built at the end), then measures in process, through the
 * contract's input schemas:
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
import { caseCallsImpl } from '../../src/main/cases/calls';
import { listCases } from '../../src/main/cases/list';
import { openDatabase } from '../../src/main/db/connection';
import { BENCH_ME, BENCH_NOW, generate } from './support/queue-data';
import {
  measureQueuePages,
  parseCases,
  percentile,
  queryMix,
  round,
  time,
} from './support/queue-measure';

const TARGET_PAGE_MS = 50;
const TARGET_OPEN_MS = 100;

async function main(): Promise<void> {
  const total = parseCases();
  const dir = mkdtempSync(join(tmpdir(), 'kvue-bench-queue-'));
  const db = openDatabase(join(dir, 'console.db'));
  try {
    console.log(
      `filling ${total.toLocaleString('en')} cases through the sync applier (bulk load)…`,
    );
    // Only for the fill: a bench database need not survive a power cut; the app keeps FULL.
    db.pragma('synchronous = OFF');
    const data = generate(db, total, { bulkLoad: true });
    db.pragma('synchronous = FULL');
    console.log(
      `filled: ${data.cases.toLocaleString('en')} cases, ${data.disputes.toLocaleString('en')} ` +
        `disputes in ${data.seconds.toFixed(1)} s`,
    );

    const impl = caseCallsImpl(db, { me: () => BENCH_ME, now: () => BENCH_NOW });
    // Baseline: the existing first page of cases.list, newest first.
    const { baselineP95, pageP95, pageTimes, pages } = await measureQueuePages({
      queue: (input) => impl['cases.queue'](input),
      list: (input) => listCases(db, input),
    });
    const mix = queryMix();

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
