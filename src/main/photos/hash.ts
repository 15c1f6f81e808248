import type { PhotoVariant } from '../../shared/contract/photo-calls';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True only for 64 lowercase hex digits: the one form a photo is addressed by. */
export function isPhotoHash(text: string): boolean {
  return SHA256_HEX.test(text);
}

export interface PhotoTarget {
  sha256: string;
  variant: PhotoVariant;
}

/** `<sha256>` or `<sha256>/thumb`; one trailing slash is tolerated (URL canonicalization). */
const TARGET = /^([0-9a-f]{64})(\/thumb)?\/?$/;

/**
 * Reads what follows the scheme (`kvue-photo://`) or the browser host's `/photo/`, exactly as it
 * came: nothing is decoded or normalized, so `..`, `%2e%2e`, `%2f`, `\`, upper case, a query or any
 * other extra character simply does not match and the request ends in a 404.
 */
export function parsePhotoTarget(text: string): PhotoTarget | null {
  if (text.length > 64 + '/thumb/'.length) return null;
  const match = TARGET.exec(text);
  if (!match?.[1]) return null;
  return { sha256: match[1], variant: match[2] ? 'thumb' : 'original' };
}
