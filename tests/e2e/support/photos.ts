import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoLogin } from '../../../src/server';
import { makeCasePhoto } from '../../../src/server/sim/photo';
import { loginResponseSchema } from '../../../src/shared/sync/auth';
import type { CaseRecord } from '../../../src/shared/domain/case';

/** An access token of the demo user with `role`, for calls to the server's HTTP API. */
export async function tokenFor(
  serverUrl: string,
  role: 'officer' | 'clerk' | 'admin',
): Promise<string> {
  const response = await fetch(new URL('/auth/login', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoLogin(role)),
  });
  return loginResponseSchema.parse(await response.json()).accessToken;
}

export interface UploadedPhoto {
  sha256: string;
  bytes: Buffer;
}

/**
 * Real JPEGs of the case, rendered as the simulator's phones do, uploaded through the field API
 * one minute apart (oldest first).
 */
export async function uploadCasePhotos(
  serverUrl: string,
  kase: CaseRecord,
  count: number,
): Promise<UploadedPhoto[]> {
  const token = await tokenFor(serverUrl, 'officer');
  const photos: UploadedPhoto[] = [];
  for (let index = 0; index < count; index++) {
    const takenAt = new Date(Date.now() - (count - index) * 60_000).toISOString();
    const photo = await makeCasePhoto({
      plate: kase.plate,
      vehicleColor: 'blau',
      street: kase.street,
      houseNumber: kase.houseNumber,
      district: kase.district,
      offenceCode: kase.offenceCode,
      takenAt,
      index,
      count,
      seed: Math.floor(Math.random() * 1e9),
    });
    const url = new URL(`/field/photos/${photo.sha256}`, serverUrl);
    url.searchParams.set('caseId', kase.id);
    url.searchParams.set('takenAt', takenAt);
    url.searchParams.set('lat', String(kase.lat));
    url.searchParams.set('lon', String(kase.lon));
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${token}` },
      body: new Uint8Array(photo.bytes),
    });
    if (response.status !== 201) {
      throw new Error(`upload photo: ${response.status} ${await response.text()}`);
    }
    photos.push({ sha256: photo.sha256, bytes: photo.bytes });
  }
  return photos;
}

/** The citizen's Widerspruch, keyed in by the office: the case becomes disputed. */
export async function fileDispute(serverUrl: string, caseId: string): Promise<void> {
  const token = await tokenFor(serverUrl, 'clerk');
  const response = await fetch(new URL('/intake/disputes', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      id: crypto.randomUUID(),
      caseId,
      receivedAt: new Date().toISOString(),
      channel: 'letter',
      statement: 'Ich habe nur kurz zum Be- und Entladen gehalten.',
    }),
  });
  if (!response.ok) throw new Error(`dispute: ${response.status} ${await response.text()}`);
}

/** Spoils the server's stored copy of a photo: same length, other bytes, so its hash no longer matches. */
export function corruptServerPhoto(serverPhotoDir: string, photo: UploadedPhoto): void {
  const corrupt = Buffer.from(photo.bytes);
  corrupt.fill(0x42, 2000, 2100);
  writeFileSync(join(serverPhotoDir, photo.sha256.slice(0, 2), photo.sha256.slice(2)), corrupt);
}
