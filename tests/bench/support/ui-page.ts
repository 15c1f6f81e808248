import type { Page } from 'playwright-core';
import { PHOTO_HOST_PATH } from '../../../src/shared/contract/photo-calls';

/*
 * Page-side timing. The bench code is compiled without DOM types, so what runs in the page goes
 * in as strings (as in tests/e2e). Every time is taken inside the page, so no round trip of the
 * DevTools protocol is counted.
 *
 * "Painted" is measured the same way everywhere: the DOM change is seen by a MutationObserver
 * (in the microtask after React commits it), then the next animation frame runs and, after it, a
 * message-channel task (the first task after that frame's rendering): that moment is taken. It
 * errs late by the frame's own style, layout and paint, never early.
 */

/**
 * Installed before the renderer's own scripts (an init script): the wall-clock moment the first
 * queue row with a case (`[role="row"][data-case-id]`; placeholders carry no id) was painted, as
 * `performance.timeOrigin + now`, comparable with the bench process's clock. Also defines the
 * helpers below as `window.__kvueBench`.
 */
export const FIRST_ROW_SCRIPT = String.raw`(() => {
  if (window.top !== window) return;
  const afterPaint = (fn) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => fn(performance.now());
      channel.port2.postMessage(0);
    });
  const firstRow = new MutationObserver(() => {
    if (!document.querySelector('[role="row"][data-case-id]')) return;
    firstRow.disconnect();
    afterPaint((t) => { window.__kvueFirstRow = performance.timeOrigin + t; });
  });
  firstRow.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-case-id'] });

  const checks = {
    // The pane shows the case's fields (not only the header the row already knew).
    pane: (fileNumber) => {
      const fields = document.querySelector('[data-testid="case-pane"] [data-testid="case-fields"]');
      return fields && fields.textContent.includes(fileNumber) ? fields : null;
    },
    // The viewer's image of this photo has loaded and is no longer hidden for fitting.
    viewer: (sha) => {
      const img = document.querySelector('[data-testid="photo-viewer"] img[data-testid="viewer-image"]');
      return img && (img.getAttribute('src') || '').includes(sha) && img.style.visibility === 'visible' &&
        img.complete && img.naturalWidth > 0 ? img : null;
    },
  };
  let armed = null;
  window.__kvueBench = {
    /** Waits for the next Enter and then for checks[kind](arg) to be painted. */
    arm(kind, arg, timeoutMs) {
      let start = null;
      let settle;
      const result = new Promise((resolve, reject) => { settle = { resolve, reject }; });
      const cleanup = () => {
        observer.disconnect();
        window.removeEventListener('keydown', onKey, true);
        document.removeEventListener('load', check, true);
        clearTimeout(timer);
      };
      let seen = false;
      const check = () => {
        if (start === null || seen) return;
        const element = checks[kind](arg);
        if (!element) return;
        seen = true;
        cleanup();
        // An image must be decoded before it can be painted: wait for that too.
        const decoded = element instanceof HTMLImageElement ? element.decode().catch(() => undefined) : Promise.resolve();
        decoded.then(() => afterPaint((t) => settle.resolve(t - start)));
      };
      const onKey = (event) => {
        if (event.key !== 'Enter' || start !== null) return;
        start = event.timeStamp;
        queueMicrotask(check);
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
      window.addEventListener('keydown', onKey, true);
      document.addEventListener('load', check, true);
      const timer = setTimeout(() => {
        cleanup();
        settle.reject(new Error(kind + ' ' + arg + ' not shown within ' + timeoutMs + ' ms'));
      }, timeoutMs);
      armed = result;
      result.catch(() => undefined);
    },
    result: () => armed,
    /**
     * Frame times (between consecutive animation frames) over count frames, moving the queue
     * grid down by step px in each; and how many frames showed a placeholder row.
     */
    frames(count, step) {
      const grid = document.querySelector('[role="grid"]');
      const times = [];
      let placeholders = 0;
      let last = null;
      return new Promise((resolve) => {
        const tick = (now) => {
          if (last !== null) {
            times.push(now - last);
            if (grid && grid.querySelector('[role="row"][aria-busy="true"]')) placeholders++;
          }
          last = now;
          if (times.length >= count) { resolve({ times, placeholders }); return; }
          if (step > 0 && grid) grid.scrollTop += step;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
    /** The floor of showing a photo: its bytes over the same route, uncached, and decoded. */
    async fetchAndDecode(url) {
      const started = performance.now();
      const response = await fetch(url, { cache: 'no-store' });
      const bitmap = await createImageBitmap(await response.blob());
      bitmap.close();
      return performance.now() - started;
    },
  };
})();`;

const quote = (value: string | number) => JSON.stringify(value);

/** The painted first row, in wall-clock ms; waits for it up to `timeoutMs`. */
export async function firstRowPaintedAt(page: Page, timeoutMs = 120_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  // Polled from here: waitForFunction evaluates its predicate with eval, which the CSP forbids.
  for (;;) {
    const at = await page.evaluate<number | null>('window.__kvueFirstRow ?? null');
    if (at !== null) return at;
    if (Date.now() > until) throw new Error(`no queue row painted within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `press` (which must press Enter in the page) and returns ms until `kind` is painted. */
export async function timeEnterUntil(
  page: Page,
  kind: 'pane' | 'viewer',
  arg: string,
  press: () => Promise<void>,
  timeoutMs = 10_000,
): Promise<number> {
  await page.evaluate(`window.__kvueBench.arm(${quote(kind)}, ${quote(arg)}, ${timeoutMs})`);
  await press();
  return page.evaluate<number>('window.__kvueBench.result()');
}

export interface FrameSample {
  times: number[];
  placeholders: number;
}

export function sampleFrames(page: Page, count: number, step: number): Promise<FrameSample> {
  return page.evaluate<FrameSample>(`window.__kvueBench.frames(${count}, ${step})`);
}

export function fetchAndDecodePhoto(page: Page, sha256: string): Promise<number> {
  return page.evaluate<number>(
    `window.__kvueBench.fetchAndDecode(${quote(`${PHOTO_HOST_PATH}${sha256}`)})`,
  );
}
