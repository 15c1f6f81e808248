import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Serious and critical axe findings inside `selector`, one line each. */
export async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      ...v,
      // Fluent's focus manager (tabster) puts aria-hidden focus bumpers around tab lists and
      // focus traps that pass focus on at once: a known false positive, suppressed by
      // Accessibility Insights too (microsoft/fluentui#27517 "by design",
      // accessibility-insights-web#7605).
      nodes: v.nodes.filter(
        (n) => !(v.id === 'aria-hidden-focus' && n.html.includes('data-tabster-dummy')),
      ),
    }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
