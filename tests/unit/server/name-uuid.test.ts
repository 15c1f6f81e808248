import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dispatchMessageId } from '../../../src/server/messaging/dispatches';
import { uuidV5 } from '../../../src/server/messaging/name-uuid';

describe('name-based UUIDs (version 5)', () => {
  it('gives the RFC test vector', () => {
    // The DNS namespace and "www.example.com", as in Python's uuid.uuid5 and RFC 9562's examples.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it("names a dispatch's message after the dispatch and the conversation, as a valid UUID", () => {
    const dispatch = 'f0c3a5d2-1b7e-4c8a-9d3f-2e6b1a0c4d5e';
    const a = dispatchMessageId(dispatch, '0b8f2c1e-3d4a-4e5b-8c6d-7e8f9a0b1c2d');
    expect(dispatchMessageId(dispatch, '0B8F2C1E-3D4A-4E5B-8C6D-7E8F9A0B1C2D')).toBe(a);
    expect(dispatchMessageId(dispatch, '1b8f2c1e-3d4a-4e5b-8c6d-7e8f9a0b1c2d')).not.toBe(a);
    expect(z.uuid().safeParse(a).success).toBe(true);
    expect(a[14]).toBe('5');
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow(/Not a UUID/);
  });
});
