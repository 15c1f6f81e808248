import type { Migration } from './types';

/**
 * Photo metadata; the bytes live in the content-addressed photo store under their SHA-256, which
 * is also the key here. A photo belongs to exactly one case: the same bytes for a second case
 * would be a copy-paste mistake in the field, not evidence.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'photos',
  sql: `
    CREATE TABLE photos (
      sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      case_id uuid NOT NULL REFERENCES cases (id),
      taken_at timestamptz NOT NULL,
      lat double precision CHECK (lat BETWEEN -90 AND 90),
      lon double precision CHECK (lon BETWEEN -180 AND 180),
      size_bytes bigint NOT NULL CHECK (size_bytes > 0),
      content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
      uploaded_by text NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX photos_case_idx ON photos (case_id);
  `,
};
