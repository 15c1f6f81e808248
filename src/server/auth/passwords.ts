import argon2 from 'argon2';

/**
 * argon2id with 64 MiB of memory, 3 passes and 4 lanes: RFC 9106's second recommended option
 * (section 4), well above OWASP's minimum (19 MiB, 2 passes). About 60–100 ms per login on an
 * office server; memory-hard, so guessing on graphics cards stays dear. The parameters are
 * stored in each hash, so raising them later needs no migration: old hashes still verify.
 */
export const ARGON2_PARAMS = {
  type: argon2.argon2id,
  memoryCost: 64 * 1024,
  timeCost: 3,
  parallelism: 4,
} as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash must refuse the login, not crash the request.
    return false;
  }
}

let decoyHash: Promise<string> | null = null;

/**
 * Burns the same argon2 time for an unknown username as for a wrong password, so response
 * timing does not reveal which usernames exist.
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword('decoy password that matches nothing');
  await verifyPassword(await decoyHash, password);
  return false;
}
