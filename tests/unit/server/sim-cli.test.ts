import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../../src/server/sim/cli-args';

describe('simulate command line', () => {
  it('runs the field simulator by default, with the documented defaults', () => {
    expect(parseCommand([])).toEqual({
      kind: 'field',
      server: undefined,
      officers: 180,
      speed: 60,
      duration: undefined,
      seed: undefined,
      concurrency: undefined,
      poll: undefined,
      report: undefined,
      disputes: undefined,
    });
  });

  it('takes the issue example', () => {
    expect(
      parseCommand(['--officers', '180', '--speed', '60', '--server', 'http://127.0.0.1:4100/']),
    ).toMatchObject({ kind: 'field', officers: 180, speed: 60, server: 'http://127.0.0.1:4100' });
    expect(parseCommand(['--duration', '90', '--seed', '7', '--disputes', '0.2'])).toMatchObject({
      duration: 90,
      seed: 7,
      disputes: 0.2,
    });
  });

  it('keeps the bulk loader', () => {
    expect(parseCommand(['--bulk', '1000', '--batch-size', '200', '--seed', '3'])).toEqual({
      kind: 'bulk',
      bulk: 1000,
      batchSize: 200,
      seed: 3,
    });
  });

  it('refuses what makes no sense', () => {
    for (const args of [
      ['--officers', '0'],
      ['--officers', '181'],
      ['--speed', '0'],
      ['--speed', 'fast'],
      ['--duration', '-5'],
      ['--disputes', '2'],
      ['--server', 'ftp://x'],
      ['--bulk', '5', '--speed', '60'],
      ['--batch-size', '5'],
      ['--unknown'],
    ]) {
      expect(() => parseCommand(args), args.join(' ')).toThrow(UsageError);
    }
  });
});
