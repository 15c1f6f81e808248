import { describe, expect, it } from 'vitest';
import { resolveOutbox } from '../../../src/renderer/features/decision/resolve-outbox';

function recorder(failing: readonly string[] = []) {
  const calls: string[] = [];
  const call =
    (action: string) =>
    async ({ id }: { id: string }) => {
      calls.push(`${action} ${id}`);
      if (failing.includes(id)) throw new Error(`${id} is gone`);
    };
  return { calls, outbox: { retry: call('retry'), discard: call('discard') } };
}

describe('resolving a conflict', () => {
  it('gives up the moot work before the choice, so the pane never shows a leftover notice', async () => {
    const { calls, outbox } = recorder();
    await resolveOutbox(outbox, { id: 'decision', action: 'discard', alsoDiscard: ['claim'] });
    expect(calls).toEqual(['discard claim', 'discard decision']);
  });

  it('sends mine again after dropping the refused claim', async () => {
    const { calls, outbox } = recorder();
    await resolveOutbox(outbox, { id: 'decision', action: 'retry', alsoDiscard: ['claim'] });
    expect(calls).toEqual(['discard claim', 'retry decision']);
  });

  it('still resolves when moot work was already gone, but not when the choice fails', async () => {
    const gone = recorder(['claim']);
    await resolveOutbox(gone.outbox, { id: 'decision', action: 'discard', alsoDiscard: ['claim'] });
    expect(gone.calls).toEqual(['discard claim', 'discard decision']);
    const failing = recorder(['decision']);
    await expect(
      resolveOutbox(failing.outbox, { id: 'decision', action: 'retry' }),
    ).rejects.toThrow('decision is gone');
  });
});
