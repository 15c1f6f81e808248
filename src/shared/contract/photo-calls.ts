import { z } from 'zod';
import { photoRecordSchema, sha256Schema } from '../domain/photo';

/** Where a photo is in the console's download queue and cache. */
export const PHOTO_STATES = ['queued', 'downloading', 'stored', 'failed'] as const;
export const photoStateSchema = z.enum(PHOTO_STATES);
export type PhotoState = z.infer<typeof photoStateSchema>;

/** A case's photo: the feed's metadata and its local state. */
export const casePhotoSchema = photoRecordSchema.extend({
  state: photoStateSchema,
  /** The bytes on disk hashed to `sha256`; only then does the photo URL answer. */
  verified: z.boolean(),
  /** The 320 px thumbnail exists (else use the photo itself, once stored). */
  thumbnail: z.boolean(),
  /** Failed attempts so far. */
  attempts: z.number().int().min(0),
  /** Why the last attempt failed, for a tooltip; null when none did. */
  error: z.string().nullable(),
});
export type CasePhoto = z.infer<typeof casePhotoSchema>;

const caseInputSchema = z.strictObject({ caseId: z.uuid() });

export const casePhotosSchema = z.object({
  caseId: z.uuid(),
  /** Oldest first (as taken). */
  photos: z.array(casePhotoSchema),
});
export type CasePhotos = z.infer<typeof casePhotosSchema>;

export const photoCacheStatusSchema = z.object({
  queued: z.number().int().min(0),
  downloading: z.number().int().min(0),
  stored: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** Bytes of stored photos and thumbnails. */
  bytes: z.number().int().min(0),
  capBytes: z.number().int().min(0),
});
export type PhotoCacheStatus = z.infer<typeof photoCacheStatusSchema>;

/** Calls about case photos (download queue, cache). The bytes come only through the photo URL. */
export const photoCalls = {
  /** A case's photos with their state; queues those not yet asked for. */
  'photos.forCase': { input: caseInputSchema, output: casePhotosSchema },
  /**
   * The case is on screen: its photos go to the front of the queue, failed ones are tried again,
   * and they are not evicted while it stays there.
   */
  'photos.prioritize': {
    input: caseInputSchema,
    output: z.object({ caseId: z.uuid(), queued: z.number().int().min(0) }),
  },
  'photos.cacheStatus': { input: z.strictObject({}), output: photoCacheStatusSchema },
} as const;

/** The Electron custom scheme: `kvue-photo://<sha256>` and `kvue-photo://<sha256>/thumb`. */
export const PHOTO_SCHEME = 'kvue-photo';
/** The browser host's path for the same: `/photo/<sha256>` and `/photo/<sha256>/thumb`. */
export const PHOTO_HOST_PATH = '/photo/';

export type PhotoVariant = 'original' | 'thumb';
/**
 * Which transport the renderer runs on: `electron` when the preload provided `window.kvue`,
 * `browser-host` otherwise. Not the page's URL scheme: in development Electron loads the renderer
 * from the Vite dev server over http, and its photos still come through `kvue-photo://`.
 */
export type PhotoTransport = 'electron' | 'browser-host';

/**
 * The only way the renderer addresses a photo: by its hash, never by a path. Throws for anything
 * that is not a lowercase SHA-256 hex string, so a bad value never becomes a URL.
 */
export function photoUrl(
  sha256: string,
  transport: PhotoTransport,
  variant: PhotoVariant = 'original',
): string {
  const hash = sha256Schema.parse(sha256);
  const suffix = variant === 'thumb' ? '/thumb' : '';
  return transport === 'electron'
    ? `${PHOTO_SCHEME}://${hash}${suffix}`
    : `${PHOTO_HOST_PATH}${hash}${suffix}`;
}
