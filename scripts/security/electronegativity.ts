/**
 * `npm run security:electron`: runs Electronegativity (the Electron security scanner) on the
 * built app in `out/` and fails on any finding that is not explained in
 * `electronegativity-suppressions.json`, and on any explanation that no longer matches a finding,
 * so the list stays honest. Runs offline: the scanner's look-up of Electron releases fails
 * quietly and the installed Electron version is passed instead.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

const suppressionsSchema = z.strictObject({
  suppressions: z.array(
    z.strictObject({
      check: z.string().regex(/^[A-Z_]+$/),
      /** Path inside out/ the finding is in; absent for checks about the whole app. */
      file: z.string().optional(),
      reason: z.string().min(40, 'Each suppression needs a real reason'),
    }),
  ),
});

const sarifSchema = z.object({
  runs: z.array(
    z.object({
      results: z.array(
        z.object({
          ruleId: z.string(),
          message: z.object({ text: z.string() }),
          locations: z
            .array(
              z.object({
                physicalLocation: z.object({
                  artifactLocation: z.object({ uri: z.string() }),
                  region: z.object({ startLine: z.number() }).partial().optional(),
                }),
              }),
            )
            .default([]),
        }),
      ),
    }),
  ),
});

export interface Finding {
  check: string;
  file: string | null;
  line: number | null;
  message: string;
}

type Suppression = z.infer<typeof suppressionsSchema>['suppressions'][number];

const matches = (s: Suppression, f: Finding) =>
  s.check === f.check && (s.file === undefined || s.file === f.file);

/** Findings without an explanation, and explanations without a finding. */
export function judge(findings: Finding[], suppressions: Suppression[]) {
  return {
    unexplained: findings.filter((f) => !suppressions.some((s) => matches(s, f))),
    stale: suppressions.filter((s) => !findings.some((f) => matches(s, f))),
  };
}

function toFinding(
  result: z.infer<typeof sarifSchema>['runs'][number]['results'][number],
): Finding {
  const location = result.locations[0]?.physicalLocation;
  const uri = location?.artifactLocation.uri ?? '';
  // Whole-app checks point at file:/// with no path.
  const file = uri.replace(/^file:\/\//, '').replace(/^\/+/, '') || null;
  return {
    check: result.ruleId,
    file,
    line: location?.region?.startLine ?? null,
    message: result.message.text,
  };
}

async function scan(input: string, electronVersion: string): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-eneg-'));
  try {
    const out = join(dir, 'result.sarif');
    const bin = join(root, 'node_modules', '.bin', 'electronegativity');
    await promisify(execFile)(bin, ['-i', input, '-o', out, '-r', '-e', electronVersion], {
      cwd: root,
      timeout: 180_000,
    });
    const sarif = sarifSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    return sarif.runs.flatMap((run) => run.results.map(toFinding));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const electron = z
    .object({ version: z.string() })
    .parse(
      JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')),
    );
  const { suppressions } = suppressionsSchema.parse(
    JSON.parse(readFileSync(join(here, 'electronegativity-suppressions.json'), 'utf8')),
  );
  const findings = await scan(join(root, 'out'), electron.version);
  const { unexplained, stale } = judge(findings, suppressions);
  console.log(
    `Electronegativity on out/ (Electron ${electron.version}): ${findings.length} finding(s), ` +
      `${findings.length - unexplained.length} explained in electronegativity-suppressions.json`,
  );
  for (const f of unexplained) {
    console.error(`  UNEXPLAINED ${f.check} ${f.file ?? '(app)'}:${f.line ?? '-'} ${f.message}`);
  }
  for (const s of stale) {
    console.error(`  STALE suppression ${s.check} ${s.file ?? ''}: no such finding any more`);
  }
  if (unexplained.length > 0 || stale.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
