/**
 * bench:messaging — messages between the field and the office (issue #6). The reference server
 * runs on PostgreSQL in a process of its own (as in bench:sync), seeded with the demo users.
 *
 *   msg_p50_ms, msg_p99_ms  an officer (officer.huber, through the field API) opens a direct
 *                           conversation with the clerk and posts 1,000 messages one after
 *                           another, one every 30 ms (`--pace`); each is timed from just before
 *                           its POST until the clerk's console — main services without Electron,
 *                           in a process of their own — has it in its database and has told the
 *                           renderer (`data.changed` naming messages). 10 messages first warm up,
 *                           not counted. Baseline: the same POSTs' own round trips (the server
 *                           has committed the message and poked its listeners when it answers).
 *   dispatch_summary_ms     from just before the last acknowledgement's POST of a dispatch to
 *                           250 recipients (the four team channels and 70 officers the bench
 *                           adds, by name) until the team lead's console, in Chromium through
 *                           the browser host, has painted "250 von 250 bestätigt" in the open
 *                           dispatch's headline. Median of 5 dispatches. Baseline: the same for a
 *                           dispatch to 10 officers, in this run (support/messaging-dispatch.ts).
 *   conversation_open_ms    a 100,000-message conversation in a fresh console (it syncs it from
 *                           the server), opened in Debian's Chromium through the browser host:
 *                           from the click on it in the conversation list (Alt+N) until its
 *                           newest message's row is painted in view, switched to from a short
 *                           conversation. Median of `--opens` cold opens (each in a reloaded
 *                           page: nothing of the conversation in the renderer's cache); the warm
 *                           opens (switching away and back at once) are reported beside it.
 *                           Baseline: the same for a 100-message conversation, in this run.
 *
 * The last line is one JSON object.
 *
 *   npm run bench:messaging [-- --messages 1000 --pace 30 --conversation 100000 --opens 5]
 *                           [--build]
 *
 * The renderer is `out/renderer`, built first when older than its sources (`--build` forces it),
 * or the build KVUE_RENDERER_DIR names, used as it is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoLogin } from '../../src/server/store/seed';
import { withBenchDatabase } from './support/bench-db';
import { seedServer } from './support/messaging-data';
import { measureDispatchSummary } from './support/messaging-dispatch';
import { loginAs, measureMessageLatency, WARMUP_MESSAGES } from './support/messaging-live';
import {
  describeCalls,
  measureConversationOpen,
  medianSample,
  type OpenSample,
} from './support/messaging-open';
import { percentile, round } from './support/queue-measure';
import { spawnServer } from './support/spawn-server';
import { ensureRendererBuilt } from './support/ui-console';

const TARGETS = {
  msg_p50_ms: 100,
  msg_p99_ms: 500,
  dispatch_summary_ms: 1000,
  conversation_open_ms: 100,
} as const;
type Figure = keyof typeof TARGETS;

interface Options {
  messages: number;
  pace: number;
  conversation: number;
  baseline: number;
  opens: number;
  build: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string' },
      pace: { type: 'string' },
      conversation: { type: 'string' },
      baseline: { type: 'string' },
      opens: { type: 'string' },
      build: { type: 'boolean' },
    },
    strict: true,
  });
  const count = (name: Exclude<keyof Options, 'build'>, fallback: number, min: number) => {
    const text = values[name];
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isSafeInteger(n) || n < min) {
      throw new Error(`--${name} needs a whole number ≥ ${min}, got "${text}"`);
    }
    return n;
  };
  return {
    messages: count('messages', 1000, 1),
    pace: count('pace', 30, 1),
    conversation: count('conversation', 100_000, 1),
    baseline: count('baseline', 100, 1),
    opens: count('opens', 5, 1),
    build: values.build ?? false,
  };
}

const median = (values: readonly number[]) => percentile(values, 50);
const ratio = (value: number | null, baseline: number) =>
  value !== null && baseline > 0 ? Number((value / baseline).toFixed(2)) : null;
const load = () => loadavg()[0]?.toFixed(2) ?? '?';
const fmt = (n: number) => n.toLocaleString('en');

// ── report ───────────────────────────────────────────────────────────────────────────────────

interface Row {
  figure: Figure;
  value: number | null;
  baseline: string;
  ratio: number | null;
}

function printTable(rows: readonly Row[]): void {
  const lines = [
    ['figure', 'value', 'target', '', 'baseline (this run)', 'ratio'],
    ...rows.map((row) => [
      row.figure,
      row.value === null ? '—' : `${row.value} ms`,
      `≤ ${TARGETS[row.figure]} ms`,
      row.value === null ? '–' : row.value <= TARGETS[row.figure] ? '✓' : '✗',
      row.baseline,
      row.ratio === null ? '' : `${row.ratio}×`,
    ]),
  ];
  const widths = lines[0]?.map((_, column) =>
    Math.max(...lines.map((l) => l[column]?.length ?? 0)),
  );
  for (const line of lines) {
    console.log(
      line
        .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
}

async function bench(databaseUrl: string, dir: string, options: Options) {
  await seedServer(databaseUrl);
  const server = await spawnServer(databaseUrl);
  try {
    console.log(
      `posting ${fmt(options.messages)} messages as officer.huber, one every ${options.pace} ms ` +
        `(after ${WARMUP_MESSAGES} to warm up)…`,
    );
    const live = await measureMessageLatency({
      serverUrl: server.url,
      dbPath: join(dir, 'live.sqlite'),
      messages: options.messages,
      pace: options.pace,
    });
    const msgP50 = round(percentile(live.latencies, 50));
    const msgP99 = round(percentile(live.latencies, 99));
    const postP50 = round(percentile(live.roundTrips, 50));
    const postP99 = round(percentile(live.roundTrips, 99));
    console.log(
      `  ${fmt(live.latencies.length)} messages in ${live.seconds.toFixed(1)} s: in the console ` +
        `after p50 ${msgP50} ms, p90 ${round(percentile(live.latencies, 90))}, p99 ${msgP99}, ` +
        `max ${round(Math.max(...live.latencies))}; POST round trip p50 ${postP50} ms, ` +
        `p99 ${postP99}; warm-up ${live.warmup.map((ms) => Math.round(ms)).join(', ')} ms`,
    );

    for (const [error, count] of live.syncErrors) {
      console.log(`  the console's sync failed ${count}× meanwhile (retried): ${error}`);
    }

    const dispatch = await measureDispatchSummary({ serverUrl: server.url, databaseUrl, dir });
    console.log(`dispatch summary: ${dispatch.note}`);

    const clerk = await loginAs(server.url, demoLogin('clerk').username);
    const open = await measureConversationOpen({
      databaseUrl,
      serverUrl: server.url,
      dir,
      clerkId: clerk.id,
      conversation: options.conversation,
      baseline: options.baseline,
      opens: options.opens,
    });
    const times = (samples: readonly OpenSample[]) => samples.map((s) => s.timing.ms);
    const openBig = round(median(times(open.cold.big)));
    const openSmall = round(median(times(open.cold.small)));
    const warmBig = round(median(times(open.warm.big)));
    const warmSmall = round(median(times(open.warm.small)));
    console.log(
      `  messages.page of the newest 50 in main: ${round(open.lastPageMs.big)} ms at ` +
        `${fmt(open.big.messages)} messages, ${round(open.lastPageMs.small)} ms at ` +
        `${fmt(open.small.messages)}`,
    );
    // Where the time went: the renderer's calls into the main process during an open, and (on
    // the first open, whose newest messages were unread) what marking them read set off.
    for (const [label, samples] of [
      [fmt(open.big.messages), open.cold.big],
      [fmt(open.small.messages), open.cold.small],
    ] as const) {
      const middle = medianSample(samples);
      if (middle) console.log(`  median cold open, ${label}: ${describeCalls(middle)}`);
      const first = samples[0];
      if (first && first !== middle && first.after.length > 0) {
        console.log(`  first cold open, ${label}: ${describeCalls(first)}`);
      }
    }

    const figures: Record<Figure, number | null> = {
      msg_p50_ms: msgP50,
      msg_p99_ms: msgP99,
      dispatch_summary_ms: dispatch.ms,
      conversation_open_ms: openBig,
    };
    console.log('');
    printTable([
      {
        figure: 'msg_p50_ms',
        value: msgP50,
        baseline: `POST round trip p50 ${postP50} ms`,
        ratio: ratio(msgP50, postP50),
      },
      {
        figure: 'msg_p99_ms',
        value: msgP99,
        baseline: `POST round trip p99 ${postP99} ms`,
        ratio: ratio(msgP99, postP99),
      },
      {
        figure: 'dispatch_summary_ms',
        value: dispatch.ms,
        baseline: dispatch.baselineMs === null ? dispatch.note : dispatch.baselineLabel,
        ratio: ratio(dispatch.ms, dispatch.baselineMs ?? 0),
      },
      {
        figure: 'conversation_open_ms',
        value: openBig,
        baseline: `${fmt(open.small.messages)}-message conversation ${openSmall} ms`,
        ratio: ratio(openBig, openSmall),
      },
    ]);
    console.log(
      `(median of ${open.cold.big.length} cold opens; warm: ${warmBig} ms, ${fmt(open.small.messages)} messages ${warmSmall} ms)`,
    );
    const met = Object.fromEntries(
      (Object.keys(TARGETS) as Figure[]).map((key) => {
        const value = figures[key];
        return [key, value === null ? null : value <= TARGETS[key]];
      }),
    );
    return {
      ...figures,
      targets: TARGETS,
      targets_met: met,
      messages: live.latencies.length,
      pace_ms: options.pace,
      msg_p90_ms: round(percentile(live.latencies, 90)),
      msg_max_ms: round(Math.max(...live.latencies)),
      msg_sync_errors: [...live.syncErrors.values()].reduce((sum, n) => sum + n, 0),
      msg_baseline_post_p50_ms: postP50,
      msg_baseline_post_p99_ms: postP99,
      msg_p50_ratio_to_baseline: ratio(msgP50, postP50),
      msg_p99_ratio_to_baseline: ratio(msgP99, postP99),
      dispatch_summary_note: dispatch.note,
      dispatch_summary_baseline_ms: dispatch.baselineMs,
      dispatch_summary_ratio_to_baseline: ratio(dispatch.ms, dispatch.baselineMs ?? 0),
      ...dispatch.details,
      conversation_messages: open.big.messages,
      conversation_open_stat: `median of ${open.cold.big.length} cold opens`,
      conversation_open_warm_ms: warmBig,
      conversation_open_baseline_messages: open.small.messages,
      conversation_open_baseline_ms: openSmall,
      conversation_open_baseline_warm_ms: warmSmall,
      conversation_open_ratio_to_baseline: ratio(openBig, openSmall),
      last_page_main_ms: round(open.lastPageMs.big),
      last_page_main_baseline_ms: round(open.lastPageMs.small),
      conversation_fill_s: Number(open.fillSeconds.toFixed(1)),
      conversation_sync_s: Number(open.syncSeconds.toFixed(1)),
    };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  // KVUE_RENDERER_DIR names another build (as for the end-to-end tests): used as it is.
  if (process.env['KVUE_RENDERER_DIR'])
    console.log(`renderer: ${process.env['KVUE_RENDERER_DIR']}`);
  else ensureRendererBuilt(options.build);
  console.log(`machine: ${cpus().length} cores, load ${load()} at start`);
  const dir = mkdtempSync(join(tmpdir(), 'kvue-bench-messaging-'));
  try {
    const result = await withBenchDatabase((url) => bench(url, dir, options));
    console.log(`load ${load()} at end`);
    console.log(JSON.stringify({ ...result, load_1min: Number(load()), cores: cpus().length }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('bench:messaging failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
