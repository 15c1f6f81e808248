import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ContractError,
  type EventName,
  type EventPayload,
  type KvueApi,
  type SyncStatus,
} from '../../../src/shared/contract';
import { createInvalidator } from '../../../src/renderer/api/invalidator';
import { connectKvueEvents, fetchSyncStatus } from '../../../src/renderer/api/kvue-events';
import { shouldRetry } from '../../../src/renderer/api/query-client';
import { keysForDataChanged, queryKeys } from '../../../src/renderer/api/query-keys';

/** A stand-in for `window.kvue.on` that lets a test emit main's events. */
function fakeEvents() {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const on = (<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }) as KvueApi['on'];
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const count = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);
  return { api: { on }, emit, count };
}

const status = (patch: Partial<SyncStatus> = {}): SyncStatus => ({
  state: 'idle',
  cursor: 10,
  lastSyncedAt: '2026-11-20T09:30:00Z',
  caseCount: 412,
  error: null,
  ...patch,
});

// A queue page's key as src/renderer/api/use-queue.ts builds it (that module needs a window).
const casesPageKey = [...queryKeys.cases.all, 'queue', 'page', { view: 'disputed' }, 100, 3];
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('keysForDataChanged', () => {
  it('maps each named entity to its root key, once', () => {
    expect(keysForDataChanged({ entities: ['cases'] })).toEqual([['cases']]);
    expect(keysForDataChanged({ entities: ['cases', 'cases'] })).toEqual([['cases']]);
  });

  it('roots every cases key under the entity, so the prefix reaches them', () => {
    expect(casesPageKey[0]).toBe('cases');
    expect(queryKeys.sync.status[0]).toBe('sync');
  });
});

describe('connectKvueEvents', () => {
  const clients: QueryClient[] = [];
  const client = () => {
    const c = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.clear()));

  it('invalidates exactly the named entity on data.changed', async () => {
    const qc = client();
    qc.setQueryData(casesPageKey, { total: 1, offset: 300, rows: [] });
    qc.setQueryData(['cases'], 'root');
    qc.setQueryData(queryKeys.sync.status, status());
    qc.setQueryData(['messages', 'list'], []);
    const events = fakeEvents();
    connectKvueEvents(events.api, qc);

    events.emit('data.changed', { entities: ['cases'] });
    await flush();

    const invalidated = (key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated;
    expect(invalidated(casesPageKey)).toBe(true);
    expect(invalidated(['cases'])).toBe(true);
    expect(invalidated(queryKeys.sync.status)).toBe(false);
    expect(invalidated(['messages', 'list'])).toBe(false);
  });

  it('writes sync.status events into the query cache', () => {
    const qc = client();
    const events = fakeEvents();
    connectKvueEvents(events.api, qc);
    events.emit('sync.status', status({ state: 'offline', error: 'ECONNREFUSED' }));
    expect(qc.getQueryData<SyncStatus>(queryKeys.sync.status)?.state).toBe('offline');
  });

  it('keeps the session where the gate reads it, so a lock elsewhere closes the app here', () => {
    const qc = client();
    const events = fakeEvents();
    connectKvueEvents(events.api, qc);
    const locked = {
      state: 'locked' as const,
      username: 'm.mueller',
      displayName: 'Maria Müller',
      serverUrl: 'http://127.0.0.1:4100',
      idleLockMinutes: 10,
      ended: null,
    };
    events.emit('session.changed', locked);
    expect(qc.getQueryData(queryKeys.session)).toEqual(locked);
  });

  it('keeps the settings current, so a language chosen in the menu or elsewhere applies here', () => {
    const qc = client();
    const events = fakeEvents();
    connectKvueEvents(events.api, qc);
    const values = {
      serverUrl: null,
      language: 'en',
      notifications: true,
      doNotDisturb: true,
      photoCacheMb: 2048,
      idleLockMinutes: 10,
      retentionDays: 30,
      updatesEnabled: false,
      updateUrl: null,
    } as const;
    const view = {
      values,
      saved: values,
      sources: {},
      locked: [],
      issues: [],
      restartPending: false,
      canRestart: false,
      files: { user: null, preset: null },
    };
    events.emit('settings.changed', view);
    expect(qc.getQueryData(queryKeys.settings)).toEqual(view);
  });

  it('unsubscribes from every event', () => {
    const qc = client();
    const events = fakeEvents();
    const disconnect = connectKvueEvents(events.api, qc);
    expect(events.count()).toBe(4);
    disconnect();
    expect(events.count()).toBe(0);
    events.emit('sync.status', status());
    expect(qc.getQueryData(queryKeys.sync.status)).toBeUndefined();
  });
});

describe('createInvalidator', () => {
  it('waits for a running fetch instead of cancelling it, then refetches once', async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const resolvers: ((value: number) => void)[] = [];
    const queryFn = vi.fn(() => new Promise<number>((resolve) => resolvers.push(resolve)));
    const observed = qc.getQueryCache().build(qc, { queryKey: ['cases', 'x'], queryFn });
    const first = observed.fetch();
    expect(queryFn).toHaveBeenCalledTimes(1);

    const invalidator = createInvalidator(qc);
    // Two announcements while the slow page is still loading.
    invalidator.invalidate([['cases']]);
    invalidator.invalidate([['cases']]);
    await flush();
    expect(queryFn).toHaveBeenCalledTimes(1);
    expect(qc.getQueryState(['cases', 'x'])?.isInvalidated).toBe(false);

    // Applied after the fetch settled, so the data just fetched is marked stale, not trusted.
    resolvers[0]?.(1);
    await first;
    await flush();
    expect(qc.getQueryState(['cases', 'x'])?.isInvalidated).toBe(true);

    invalidator.dispose();
    qc.clear();
  });

  it('invalidates at once when nothing is fetching', () => {
    const qc = new QueryClient();
    qc.setQueryData(['cases', 'y'], 1);
    createInvalidator(qc).invalidate([['cases']]);
    expect(qc.getQueryState(['cases', 'y'])?.isInvalidated).toBe(true);
    qc.clear();
  });
});

describe('fetchSyncStatus', () => {
  it('returns main’s answer', async () => {
    const qc = new QueryClient();
    const api = { sync: { status: () => Promise.resolve(status({ state: 'syncing' })) } };
    await expect(fetchSyncStatus(api, qc)).resolves.toMatchObject({ state: 'syncing' });
  });

  it('keeps an event that arrived while the call was in flight', async () => {
    const qc = new QueryClient();
    const events = fakeEvents();
    connectKvueEvents(events.api, qc);
    let answer: (value: SyncStatus) => void = () => undefined;
    const api = { sync: { status: () => new Promise<SyncStatus>((r) => (answer = r)) } };
    const pending = fetchSyncStatus(api, qc);
    events.emit('sync.status', status({ state: 'offline' }));
    answer(status({ state: 'starting' }));
    await expect(pending).resolves.toMatchObject({ state: 'offline' });
  });
});

describe('shouldRetry', () => {
  it('does not retry errors that asking again cannot fix', () => {
    expect(shouldRetry(0, new ContractError('invalid_input', 'bad'))).toBe(false);
    expect(shouldRetry(0, new ContractError('forbidden', 'no'))).toBe(false);
  });

  it('retries other failures twice', () => {
    expect(shouldRetry(0, new ContractError('internal', 'db busy'))).toBe(true);
    expect(shouldRetry(1, new Error('x'))).toBe(true);
    expect(shouldRetry(2, new Error('x'))).toBe(false);
  });
});
