import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { HeadersReceivedResponse, OnHeadersReceivedListenerDetails } from 'electron';
import { rendererOrigin } from '../../../src/main/electron/origin';
import {
  applySecurity,
  devServerCsp,
  rendererCsp,
  type SecurityOptions,
} from '../../../src/main/electron/security';
import { contentSecurityPolicy } from '../../../src/main/security/csp';
import { FakeWebContents, preventable } from './fakes';

vi.mock('electron', () => ({}));

type HeadersListener = (
  details: OnHeadersReceivedListenerDetails,
  callback: (response: HeadersReceivedResponse) => void,
) => void;
type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type CheckHandler = (contents: unknown, permission: string, requestingOrigin: string) => boolean;

function setup(devServerUrl?: string) {
  const captured: {
    headers?: HeadersListener;
    request?: RequestHandler;
    check?: CheckHandler;
    device?: () => boolean;
  } = {};
  const session = {
    webRequest: {
      onHeadersReceived: vi.fn((listener: HeadersListener) => (captured.headers = listener)),
    },
    setPermissionRequestHandler: vi.fn((handler: RequestHandler) => (captured.request = handler)),
    setPermissionCheckHandler: vi.fn((handler: CheckHandler) => (captured.check = handler)),
    setDevicePermissionHandler: vi.fn((handler: () => boolean) => (captured.device = handler)),
  };
  const app = new EventEmitter();
  const openExternal = vi.fn(async () => undefined);
  applySecurity({
    app: app as unknown as SecurityOptions['app'],
    session: session as unknown as SecurityOptions['session'],
    origin: rendererOrigin(devServerUrl),
    openExternal,
  });

  const respond = (url: string, responseHeaders: Record<string, string[]> = {}) => {
    if (!captured.headers) throw new Error('no onHeadersReceived listener');
    let result: HeadersReceivedResponse | undefined;
    const details = { url, responseHeaders, resourceType: 'mainFrame' };
    captured.headers(details as unknown as OnHeadersReceivedListenerDetails, (response) => {
      result = response;
    });
    return result?.responseHeaders ?? {};
  };
  const newContents = () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    return contents;
  };
  return { captured, respond, newContents, openExternal };
}

function cspOf(headers: Record<string, string | string[]>): string {
  const entries = Object.entries(headers).filter(
    ([name]) => name.toLowerCase() === 'content-security-policy',
  );
  expect(entries).toHaveLength(1);
  const value = entries[0]?.[1];
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function directive(csp: string, name: string): string[] {
  const found = csp
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([key]) => key === name);
  if (!found) throw new Error(`no ${name} in ${csp}`);
  return found.slice(1);
}

describe('CSP', () => {
  it('is strict', () => {
    const csp = rendererCsp();
    expect(directive(csp, 'default-src')).toEqual(["'self'"]);
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(directive(csp, 'style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directive(csp, 'img-src')).toEqual(["'self'", 'data:', 'kvue-photo:']);
    expect(directive(csp, 'connect-src')).toEqual(["'self'"]);
    expect(directive(csp, 'object-src')).toEqual(["'none'"]);
    expect(directive(csp, 'base-uri')).toEqual(["'none'"]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(csp, 'form-action')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-eval');
  });

  it('is set on every response, replacing any policy the response brought', () => {
    const { respond } = setup();
    const headers = respond('app://kvue/index.html', {
      'Content-Security-Policy': ["script-src *  'unsafe-eval'"],
      'Content-Type': ['text/html'],
    });
    const csp = cspOf(headers);
    expect(csp).toBe(rendererCsp());
    expect(csp).not.toContain('unsafe-eval');
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(cspOf(respond('https://example.org/anything'))).toBe(rendererCsp());
  });

  it('allows the React preamble and the HMR socket for the dev server only', () => {
    const { respond } = setup('http://localhost:5173');
    const dev = cspOf(respond('http://localhost:5173/'));
    expect(dev).toBe(devServerCsp(new URL('http://localhost:5173')));
    expect(directive(dev, 'script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directive(dev, 'connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev).not.toContain('unsafe-eval');
    // Anything else still gets the strict policy.
    expect(cspOf(respond('http://localhost:5174/'))).toBe(rendererCsp());
  });

  it('is in the built page too, the same policy but for what a meta tag cannot carry', () => {
    const meta = contentSecurityPolicy({ meta: true });
    expect(meta).not.toContain('frame-ancestors');
    expect(meta).toBe(
      rendererCsp()
        .split('; ')
        .filter((part) => !part.startsWith('frame-ancestors'))
        .join('; '),
    );
    const page = readFileSync(join('out', 'renderer', 'index.html'), 'utf8').replaceAll(
      '&#39;',
      "'",
    );
    const tag = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page);
    expect(tag?.[1]).toBe(meta);
    // Before any script, or it would not cover them.
    expect(page.indexOf('Content-Security-Policy')).toBeLessThan(page.indexOf('<script'));
  });

  it('never names a remote script source', () => {
    for (const csp of [rendererCsp(), devServerCsp(new URL('http://localhost:5173'))]) {
      for (const source of directive(csp, 'script-src')) {
        expect(["'self'", "'unsafe-inline'"]).toContain(source);
      }
    }
  });
});

describe('permissions', () => {
  it('denies every permission request and check but notifications', () => {
    const { captured } = setup();
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'midi', 'openExternal']) {
      const callback = vi.fn();
      captured.request?.({}, permission, callback, { requestingUrl: 'app://kvue/index.html' });
      expect(callback).toHaveBeenCalledWith(false);
      expect(captured.check?.({}, permission, 'app://kvue')).toBe(false);
    }
    expect(captured.device?.()).toBe(false);
  });

  it("allows notifications to the app's own pages only", () => {
    const { captured } = setup();
    const ask = (requestingUrl: string) => {
      const callback = vi.fn();
      captured.request?.({}, 'notifications', callback, { requestingUrl });
      return callback.mock.calls[0]?.[0] as boolean;
    };
    expect(ask('app://kvue/index.html')).toBe(true);
    expect(captured.check?.({}, 'notifications', 'app://kvue')).toBe(true);
    for (const elsewhere of ['https://evil.example/', 'app://other/', 'file:///C:/x.html']) {
      expect(ask(elsewhere)).toBe(false);
      expect(captured.check?.({}, 'notifications', elsewhere)).toBe(false);
    }
  });
});

describe('web contents', () => {
  it('prevents navigation to anything but the app', () => {
    const { newContents } = setup();
    const contents = newContents();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/']) {
      const event = preventable({ url });
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
      const redirect = preventable({ url });
      contents.emit('will-redirect', redirect, url);
      expect(redirect.preventDefault, url).toHaveBeenCalled();
    }
    const own = preventable({ url: 'app://kvue/index.html' });
    contents.emit('will-navigate', own, own.url);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('denies new windows', () => {
    const { newContents } = setup();
    const contents = newContents();
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as
      ((details: { url: string }) => unknown) | undefined;
    expect(handler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'app://kvue/index.html' })).toEqual({ action: 'deny' });
  });

  it('opens plain https links in the default browser, and nothing else anywhere', () => {
    const { newContents, openExternal } = setup();
    const contents = newContents();
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (details: {
      url: string;
    }) => unknown;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const refused = [
      'http://example.org/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'kvue://case/1',
      'app://kvue/index.html',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:pass@evil.example/',
      `https://example.org/${'a'.repeat(3000)}`,
      'not a url',
    ];
    for (const url of refused) {
      expect(handler({ url })).toEqual({ action: 'deny' });
      contents.emit('will-navigate', preventable({ url }), url);
    }
    expect(openExternal).not.toHaveBeenCalled();
    warn.mockRestore();

    expect(handler({ url: 'https://intranet.stadt.example/hilfe' })).toEqual({ action: 'deny' });
    const away = preventable({ url: 'https://www.stvo.de/' });
    contents.emit('will-navigate', away, away.url);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(openExternal.mock.calls).toEqual([
      ['https://intranet.stadt.example/hilfe'],
      ['https://www.stvo.de/'],
    ]);
  });

  it('prevents webviews', () => {
    const { newContents } = setup();
    const contents = newContents();
    const event = preventable({});
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
