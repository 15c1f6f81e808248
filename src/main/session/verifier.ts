import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/**
 * A check of the password kept with the stored session, so that a locked console unlocks without
 * the server (an office network can be down) while the password itself is never stored. scrypt
 * with N=2^15 costs about 50–100 ms here: cheap for one unlock, dear for guessing, and the
 * verifier only ever lies in the OS-encrypted vault.
 */
export const passwordVerifierSchema = z.object({
  salt: z.base64(),
  hash: z.base64(),
  N: z.number().int().min(1024),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
});
export type PasswordVerifier = z.infer<typeof passwordVerifierSchema>;

const KEY_BYTES = 32;
const DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must allow 128·N·r bytes; the default (32 MiB) is exactly what N=2^15, r=8 needs.
    const maxmem = 256 * (options.N ?? DEFAULTS.N) * (options.r ?? DEFAULTS.r);
    scrypt(password, salt, KEY_BYTES, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function makeVerifier(password: string): Promise<PasswordVerifier> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, DEFAULTS);
  return { salt: salt.toString('base64'), hash: hash.toString('base64'), ...DEFAULTS };
}

export async function checkVerifier(
  verifier: PasswordVerifier,
  password: string,
): Promise<boolean> {
  const expected = Buffer.from(verifier.hash, 'base64');
  const actual = await derive(password, Buffer.from(verifier.salt, 'base64'), {
    N: verifier.N,
    r: verifier.r,
    p: verifier.p,
  });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
