import { createHash, randomBytes } from 'node:crypto';

/** 256 bits: guessing is hopeless, and the token still fits a header comfortably. */
const ACCESS_TOKEN_BYTES = 32;
/** Longer than the access token: it lives for hours and can mint new access tokens. */
const REFRESH_TOKEN_BYTES = 48;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newAccessToken(): string {
  return randomBytes(ACCESS_TOKEN_BYTES).toString('base64url');
}

export function newRefreshToken(): string {
  return randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
}
