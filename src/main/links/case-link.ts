import { z } from 'zod';
import type { OpenCase } from '../../shared/contract';

/** The URL scheme the installer registers: `kvue://case/<id>` opens a case in the console. */
export const LINK_SCHEME = 'kvue';

// Longer than any case link; a long argument is someone else's, not ours to parse.
const LINK_MAX = 200;
const caseIdSchema = z.uuid();

/**
 * The case a `kvue://case/<id>` link names, or null for anything else. Strict on purpose: a link
 * can come from any e-mail or web page, so only this one shape is ever acted on.
 */
export function parseCaseLink(text: string): OpenCase | null {
  if (text.length > LINK_MAX) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  // Non-special schemes keep the host's letter case; Windows may hand over either.
  if (url.protocol !== `${LINK_SCHEME}:` || url.hostname.toLowerCase() !== 'case') return null;
  if (url.username || url.password || url.port || url.search || url.hash) return null;
  const match = /^\/([^/]+)\/?$/.exec(url.pathname);
  const id = match?.[1]?.toLowerCase();
  return id && caseIdSchema.safeParse(id).success ? { caseId: id } : null;
}

/**
 * The case link among a process's arguments. Windows starts the app with the link as an argument
 * (after flags Chromium may add), and a second start hands its arguments to the first.
 */
export function caseLinkInArgv(argv: readonly string[]): OpenCase | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${LINK_SCHEME}:`)) continue;
    const link = parseCaseLink(arg);
    if (link) return link;
  }
  return null;
}

/**
 * The case a link asked for, until the renderer takes it: a link may arrive before the window
 * shows anything, or while the console is locked, and must open the case once the clerk is in.
 */
export class CaseLinks {
  private pending: OpenCase | null = null;

  constructor(private readonly announce: (link: OpenCase) => void) {}

  open(link: OpenCase): void {
    this.pending = link;
    this.announce(link);
  }

  take(): OpenCase | null {
    const link = this.pending;
    this.pending = null;
    return link;
  }
}
