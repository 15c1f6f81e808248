import type { Page } from 'playwright-core';

/*
 * Page-side timing of a dispatch's summary, the way messaging-page.ts times an open: watched
 * inside the page (a MutationObserver, and every animation frame at the latest) until the
 * expected text is in the open dispatch's headline and in its list entry; each is then taken
 * after the next animation frame and a message-channel task after it ("painted"), so it errs
 * late by the frame's own style, layout and paint, never early.
 */

/** Installed before the renderer's own scripts (an init script): `window.__kvueDispatchBench`. */
export const DISPATCH_SCRIPT = String.raw`(() => {
  if (window.top !== window) return;
  const afterPaint = (fn) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => fn(performance.now());
      channel.port2.postMessage(0);
    });
  const wall = (t) => performance.timeOrigin + t;
  let armed = null;
  window.__kvueDispatchBench = {
    now: () => wall(performance.now()),
    /** Both places' current text, for the bench's own checks. */
    texts(dispatchId) {
      const item = document.querySelector(
        '[data-testid="dispatch-item"][data-dispatch-id="' + dispatchId + '"]');
      const detail = document.querySelector(
        '[data-testid="dispatch-detail"] [data-testid="dispatch-summary"]');
      return {
        selected: item ? item.getAttribute('aria-selected') === 'true' : false,
        item: item ? (item.querySelector('[data-testid="dispatch-item-summary"]') || {}).textContent || null : null,
        detail: detail ? detail.textContent : null,
      };
    },
    arm(dispatchId, text, timeoutMs) {
      const seen = { detail: null, item: null };
      const painted = { detail: null, item: null };
      let settle;
      let frame = 0;
      const result = new Promise((resolve, reject) => { settle = { resolve, reject }; });
      const cleanup = () => {
        observer.disconnect();
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
      const done = () => {
        if (painted.detail === null || painted.item === null) return;
        cleanup();
        settle.resolve({
          detailSeenAt: wall(seen.detail), detailPaintedAt: wall(painted.detail),
          itemSeenAt: wall(seen.item), itemPaintedAt: wall(painted.item),
        });
      };
      const check = () => {
        const now = performance.now();
        const shown = window.__kvueDispatchBench.texts(dispatchId);
        for (const where of ['detail', 'item']) {
          if (seen[where] !== null || shown[where] !== text) continue;
          if (where === 'detail' && !shown.selected) continue;
          seen[where] = now;
          afterPaint((t) => { painted[where] = t; done(); });
        }
      };
      const poll = () => {
        check();
        if (seen.detail === null || seen.item === null) frame = requestAnimationFrame(poll);
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { childList: true, subtree: true, characterData: true });
      frame = requestAnimationFrame(poll);
      const timer = setTimeout(() => {
        cleanup();
        const shown = window.__kvueDispatchBench.texts(dispatchId);
        settle.reject(new Error('"' + text + '" not shown within ' + timeoutMs + ' ms (detail: "' +
          shown.detail + '", list: "' + shown.item + '")'));
      }, timeoutMs);
      armed = result;
      result.catch(() => undefined);
    },
    result: () => armed,
  };
})();`;

/** Wall-clock ms (epoch, fractional) in the page when the summary text was painted, and seen. */
export interface SummaryTiming {
  detailSeenAt: number;
  detailPaintedAt: number;
  itemSeenAt: number;
  itemPaintedAt: number;
}

export interface ShownTexts {
  selected: boolean;
  item: string | null;
  detail: string | null;
}

const quote = (value: string | number) => JSON.stringify(value);

export function shownTexts(page: Page, dispatchId: string): Promise<ShownTexts> {
  return page.evaluate<ShownTexts>(`window.__kvueDispatchBench.texts(${quote(dispatchId)})`);
}

export async function armSummary(
  page: Page,
  dispatchId: string,
  text: string,
  timeoutMs: number,
): Promise<void> {
  await page.evaluate(
    `window.__kvueDispatchBench.arm(${quote(dispatchId)}, ${quote(text)}, ${timeoutMs})`,
  );
}

export function summaryResult(page: Page): Promise<SummaryTiming> {
  return page.evaluate<SummaryTiming>('window.__kvueDispatchBench.result()');
}

const wallNow = () => performance.timeOrigin + performance.now();

/**
 * The page's wall clock minus this process's, from the quickest of a few round trips (taken at
 * its midpoint): the page's times are turned into this process's with it. Both clocks should
 * agree to well under a millisecond; this keeps a skew from counting either way.
 */
export async function pageClockOffset(page: Page): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Infinity };
  for (let i = 0; i < 7; i++) {
    const before = wallNow();
    const inPage = await page.evaluate<number>('window.__kvueDispatchBench.now()');
    const after = wallNow();
    if (after - before < best.rtt) {
      best = { offset: inPage - (before + after) / 2, rtt: after - before };
    }
  }
  return best;
}
