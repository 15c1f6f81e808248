import type { Locator, Page } from 'playwright-core';

/*
 * Page-side timing of opening a conversation, the way ui-page.ts times the queue: everything is
 * measured inside the page (no DevTools round trip counted), from the click event's own time
 * stamp until the newest message's row is painted. "Painted": the row is seen (by a
 * MutationObserver, a scroll event or, at the latest, the next animation frame), then the next
 * animation frame runs and, after it, a message-channel task: that moment is taken. It errs late
 * by the frame's own style, layout and paint, never early.
 */

/**
 * Installed before the renderer's own scripts (an init script): `window.__kvueMessagingBench`.
 * `arm(messageId, text, timeoutMs)` waits for the next click anywhere and then for the row of
 * `messageId` in the open conversation with `text` in it, inside the message list's visible
 * area (not merely rendered in the overscan below it).
 */
export const OPEN_SCRIPT = String.raw`(() => {
  if (window.top !== window) return;
  const afterPaint = (fn) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => fn(performance.now());
      channel.port2.postMessage(0);
    });
  const visibleRow = (messageId, text) => {
    const row = document.querySelector(
      '[data-testid="conversation"] [data-testid="message"][data-message-id="' + messageId + '"]');
    if (!row || !(row.textContent || '').includes(text)) return null;
    const list = row.closest('[data-testid="message-list"]');
    if (!list) return null;
    const r = row.getBoundingClientRect();
    const l = list.getBoundingClientRect();
    return r.height > 0 && r.bottom > l.top && r.top < l.bottom ? list : null;
  };
  let armed = null;
  window.__kvueMessagingBench = {
    arm(messageId, text, timeoutMs) {
      let start = null;
      let seen = false;
      let settle;
      let frame = 0;
      const result = new Promise((resolve, reject) => { settle = { resolve, reject }; });
      const cleanup = () => {
        observer.disconnect();
        window.removeEventListener('click', onClick, true);
        document.removeEventListener('scroll', check, true);
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
      let inDom = null;
      const check = () => {
        if (start === null || seen) return;
        if (inDom === null && document.querySelector(
          '[data-testid="message"][data-message-id="' + messageId + '"]')) inDom = performance.now();
        const list = visibleRow(messageId, text);
        if (!list) return;
        seen = true;
        const visible = performance.now();
        cleanup();
        const count = Number(list.getAttribute('data-count'));
        afterPaint((t) => settle.resolve({
          ms: t - start,
          clickAt: performance.timeOrigin + start,
          inDomAt: performance.timeOrigin + (inDom ?? visible),
          visibleAt: performance.timeOrigin + visible,
          paintedAt: performance.timeOrigin + t,
          count,
        }));
      };
      const onClick = (event) => {
        if (start !== null) return;
        start = event.timeStamp;
        queueMicrotask(check);
      };
      const poll = () => {
        check();
        if (!seen) frame = requestAnimationFrame(poll);
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
      window.addEventListener('click', onClick, true);
      document.addEventListener('scroll', check, true);
      frame = requestAnimationFrame(poll);
      const timer = setTimeout(() => {
        cleanup();
        settle.reject(new Error('message ' + messageId + ' not shown within ' + timeoutMs + ' ms'));
      }, timeoutMs);
      armed = result;
      result.catch(() => undefined);
    },
    result: () => armed,
  };
})();`;

export interface OpenTiming {
  /** From the click event until the newest message's row was painted. */
  ms: number;
  /**
   * Wall-clock ms (epoch, fractional): the click; the newest row first seen in the document
   * (anywhere, perhaps out of view); first seen in view; painted.
   */
  clickAt: number;
  inDomAt: number;
  visibleAt: number;
  paintedAt: number;
  /** The list's `data-count` when the row was painted. */
  count: number;
}

const quote = (value: string | number) => JSON.stringify(value);

/** Clicks `item` and returns the time until the row of `newest` is painted in view. */
export async function timeClickUntilNewest(
  page: Page,
  item: Locator,
  newest: { id: string; body: string },
  timeoutMs = 15_000,
): Promise<OpenTiming> {
  await item.waitFor({ timeout: timeoutMs });
  await page.evaluate(
    `window.__kvueMessagingBench.arm(${quote(newest.id)}, ${quote(newest.body)}, ${timeoutMs})`,
  );
  await item.click();
  return page.evaluate<OpenTiming>('window.__kvueMessagingBench.result()');
}
