import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judge, type Finding } from '../../../scripts/security/electronegativity';

const finding = (check: string, file: string | null): Finding => ({
  check,
  file,
  line: 1,
  message: 'm',
});
const reason = 'A reason long enough to say why this finding is not a problem here.';

describe('the Electronegativity gate', () => {
  it('passes explained findings and fails on the rest', () => {
    const { unexplained, stale } = judge(
      [finding('PRELOAD_JS_CHECK', 'main/index.js'), finding('AUXCLICK_JS_CHECK', 'main/index.js')],
      [{ check: 'PRELOAD_JS_CHECK', file: 'main/index.js', reason }],
    );
    expect(unexplained.map((f) => f.check)).toEqual(['AUXCLICK_JS_CHECK']);
    expect(stale).toEqual([]);
  });

  it('does not let a suppression for one file cover another', () => {
    const { unexplained } = judge(
      [finding('PRELOAD_JS_CHECK', 'main/other.js')],
      [{ check: 'PRELOAD_JS_CHECK', file: 'main/index.js', reason }],
    );
    expect(unexplained).toHaveLength(1);
  });

  it('fails on a suppression that no longer matches any finding', () => {
    const { stale } = judge([], [{ check: 'CSP_GLOBAL_CHECK', reason }]);
    expect(stale.map((s) => s.check)).toEqual(['CSP_GLOBAL_CHECK']);
  });

  it('keeps a reason with every suppression in the project list', () => {
    const list = JSON.parse(
      readFileSync('scripts/security/electronegativity-suppressions.json', 'utf8'),
    ) as { suppressions: { check: string; reason: string }[] };
    expect(list.suppressions.length).toBeGreaterThan(0);
    for (const s of list.suppressions) expect(s.reason.length).toBeGreaterThan(40);
  });
});
