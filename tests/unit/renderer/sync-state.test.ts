import { describe, expect, it } from 'vitest';
import { bannerKind, displayedState } from '../../../src/renderer/features/status/sync-state';
import type { SyncStatus } from '../../../src/shared/contract';

const status = (state: SyncStatus['state']): SyncStatus => ({
  state,
  cursor: 0,
  lastSyncedAt: null,
  caseCount: 0,
  error: null,
});

describe('displayedState', () => {
  it('shows main’s state once known', () => {
    expect(displayedState(status('syncing'), false)).toBe('syncing');
    expect(displayedState(status('offline'), true)).toBe('offline');
  });

  it('is starting until main answers, and an error if main cannot answer', () => {
    expect(displayedState(undefined, false)).toBe('starting');
    expect(displayedState(undefined, true)).toBe('error');
  });
});

describe('bannerKind', () => {
  it('warns only when the data shown may be out of date', () => {
    expect(bannerKind('offline')).toBe('offline');
    expect(bannerKind('error')).toBe('error');
    expect(bannerKind('idle')).toBeNull();
    expect(bannerKind('syncing')).toBeNull();
    expect(bannerKind('starting')).toBeNull();
  });
});
