import { z } from 'zod';
import { instantSchema } from './time';

/** The only image types a field app may upload; what the console's viewer can show. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

/**
 * A photo's identity: lowercase SHA-256 hex of its bytes. Strict on purpose: the server builds
 * file paths from it, so nothing but 64 lowercase hex digits may pass.
 */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'Expected 64 lowercase hex digits');

/** Metadata of an upload, sent as query parameters next to the raw bytes. */
export const photoUploadQuerySchema = z
  .object({
    caseId: z.uuid(),
    takenAt: instantSchema,
    // Query strings are text; a phone without a GPS fix sends neither coordinate.
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
  })
  .refine((query) => (query.lat === undefined) === (query.lon === undefined), {
    message: 'lat and lon come together or not at all',
    path: ['lon'],
  });
export type PhotoUploadQuery = z.infer<typeof photoUploadQuerySchema>;

/** A photo's metadata as the feed delivers it; the bytes are fetched by hash. */
export const photoRecordSchema = z.object({
  sha256: sha256Schema,
  caseId: z.uuid(),
  takenAt: instantSchema,
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  sizeBytes: z.number().int().min(1),
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  uploadedBy: z.string().min(1).max(64),
});
export type PhotoRecord = z.infer<typeof photoRecordSchema>;
