import type { PhotoContentType } from '../../shared/domain/photo';

/** The leading bytes each accepted type must start with; the declared type alone proves nothing. */
const SIGNATURES: Record<PhotoContentType, readonly number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** How many leading bytes `matchesSignature` needs to decide. */
export const SIGNATURE_BYTES = Math.max(...Object.values(SIGNATURES).map((s) => s.length));

/** True when `head` (at least the signature's length, or the whole file) starts as `type` must. */
export function matchesSignature(type: PhotoContentType, head: Buffer): boolean {
  const signature = SIGNATURES[type];
  return head.length >= signature.length && signature.every((byte, i) => head[i] === byte);
}
