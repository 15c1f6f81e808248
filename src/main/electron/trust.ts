import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import type { RendererOrigin } from './origin';

export interface SenderTrust {
  /** True when an IPC call comes from the main frame of one of our windows, showing our page. */
  isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean;
  /** True when events may be sent to this WebContents: ours, and its page is still ours. */
  isTrustedTarget(contents: WebContents): boolean;
}

export function createSenderTrust(options: {
  isOwnWindow(contents: WebContents): boolean;
  origin: RendererOrigin;
}): SenderTrust {
  const isOwnMainFrame = (frame: WebFrameMain | null | undefined): boolean =>
    // The frame is null once it has navigated away or been destroyed; a parent means a subframe.
    frame !== null &&
    frame !== undefined &&
    frame.parent === null &&
    options.origin.isOwnUrl(frame.url);

  return {
    isTrustedSender(event) {
      return options.isOwnWindow(event.sender) && isOwnMainFrame(event.senderFrame);
    },
    isTrustedTarget(contents) {
      return (
        !contents.isDestroyed() &&
        options.isOwnWindow(contents) &&
        isOwnMainFrame(contents.mainFrame)
      );
    },
  };
}
