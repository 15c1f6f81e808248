import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import type { Db } from '../../../src/main/db/connection';
import { FEED_TABLES, type FeedTable } from '../../../src/main/db/feed-tables';
import type { FeedEntity, FeedRecordOf } from '../../../src/shared/sync/feed';
import type { CaseRecord } from '../../../src/shared/domain/case';
import type { PhotoRecord } from '../../../src/shared/domain/photo';
import { makeCase } from '../../support/cases';

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A real JPEG that sharp can read, unique per call (random noise in one corner). */
export async function realJpeg(width = 800, height = 600): Promise<Buffer> {
  const noise = await sharp(randomBytes(16 * 16 * 3), {
    raw: { width: 16, height: 16, channels: 3 },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } })
    .composite([{ input: noise, left: 0, top: 0 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** Bytes that look like a JPEG to the server but that sharp cannot decode. */
export function fakeJpeg(size = 4096): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
}

function insert<E extends FeedEntity>(db: Db, spec: FeedTable<E>, record: FeedRecordOf<E>): void {
  const row = spec.toRow(record);
  const columns = Object.keys(row);
  db.prepare(
    `INSERT OR REPLACE INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns
      .map((c) => `@${c}`)
      .join(', ')})`,
  ).run(row);
}

export function insertCase(db: Db, overrides: Partial<CaseRecord> = {}): CaseRecord {
  const record = makeCase(overrides);
  insert(db, FEED_TABLES.case, record);
  return record;
}

let takenCounter = 0;

/** Adds a photo row as the feed would, for the given bytes. */
export function insertPhoto(
  db: Db,
  caseId: string,
  bytes: Uint8Array,
  overrides: Partial<PhotoRecord> = {},
): PhotoRecord {
  const record: PhotoRecord = {
    sha256: sha256Of(bytes),
    caseId,
    // Distinct and ordered, so a case's photos have a stable order.
    takenAt: new Date(Date.UTC(2026, 10, 20, 9, 0, takenCounter++)).toISOString(),
    lat: 48.137,
    lon: 11.575,
    sizeBytes: bytes.length,
    contentType: 'image/jpeg',
    uploadedBy: 'officer-01',
    ...overrides,
  };
  insert(db, FEED_TABLES.photo, record);
  return record;
}

export function removePhoto(db: Db, sha256: string): void {
  db.prepare('DELETE FROM photos WHERE sha256 = ?').run(sha256);
}

export type Answer = { status: number; body?: Uint8Array } | 'hang';

/**
 * A stand-in for the field server's GET /photos/:sha256. `answer` decides per request; by default
 * the registered bytes with 200, else 404. Records every request in order.
 */
export async function startPhotoServer() {
  const photos = new Map<string, Uint8Array>();
  const requests: string[] = [];
  const hanging = new Set<IncomingMessage>();
  let answer: (sha256: string, count: number) => Answer | undefined = () => undefined;
  const server: Server = createServer((request, response) => {
    const match = /^\/photos\/([0-9a-f]{64})$/.exec(request.url ?? '');
    if (!match?.[1] || request.headers.authorization !== 'Bearer test-token') {
      response.writeHead(401).end();
      return;
    }
    const sha256 = match[1];
    requests.push(sha256);
    const count = requests.filter((r) => r === sha256).length;
    const given = answer(sha256, count);
    if (given === 'hang') {
      hanging.add(request);
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.write(Buffer.from([0xff]));
      return;
    }
    const bytes = photos.get(sha256);
    const { status, body } = given ?? (bytes ? { status: 200, body: bytes } : { status: 404 });
    response.writeHead(status, { 'content-type': 'image/jpeg' });
    response.end(body ? Buffer.from(body) : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    photos,
    requests,
    answerWith(fn: typeof answer) {
      answer = fn;
    },
    /** A session as the photo service uses it: always the same token. */
    session() {
      const abort = new AbortController();
      return {
        serverUrl: url,
        signal: abort.signal,
        authorized: <T>(fn: (token: string) => Promise<T>) => fn('test-token'),
      };
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const newCaseId = () => randomUUID();

const HOSTILE_SHA = 'a'.repeat(64);

/**
 * Every way a path could try to leave the cache or name something that is not a photo. All of
 * them must fail to parse, so no lookup and no file access happens.
 */
export const HOSTILE_TARGETS = [
  '',
  '/',
  '..',
  '../secret',
  `../${HOSTILE_SHA}`,
  `${HOSTILE_SHA}/../secret`,
  `${HOSTILE_SHA}/../../secret`,
  '%2e%2e/secret',
  `%2e%2e%2f${HOSTILE_SHA}`,
  `${HOSTILE_SHA}%2fthumb`,
  `${HOSTILE_SHA}%2Fthumb`,
  `..%2f..%2fsecret`,
  `..%5csecret`,
  `${HOSTILE_SHA}\\thumb`,
  `..\\..\\secret`,
  `${HOSTILE_SHA.slice(0, 2)}\\${HOSTILE_SHA}`,
  `${HOSTILE_SHA.slice(0, 2)}/${HOSTILE_SHA}`,
  'A'.repeat(64),
  `${'a'.repeat(63)}A`,
  `${'a'.repeat(32)}${'A'.repeat(32)}`,
  'a'.repeat(63),
  'a'.repeat(65),
  'a'.repeat(4096),
  `${HOSTILE_SHA}/thumb/`.repeat(3),
  `${HOSTILE_SHA}/thumb/x`,
  `${HOSTILE_SHA}/THUMB`,
  `${HOSTILE_SHA}/thumbnail`,
  `${HOSTILE_SHA}.thumb.jpg`,
  `${HOSTILE_SHA}?x=1`,
  `${HOSTILE_SHA}#x`,
  `${HOSTILE_SHA}%00`,
  `${HOSTILE_SHA}\u0000`,
  ` ${HOSTILE_SHA}`,
  `${HOSTILE_SHA} `,
  `/${HOSTILE_SHA}`,
  `${HOSTILE_SHA}//thumb`,
  `${'g'.repeat(64)}`,
  `${'é'.repeat(32)}`,
];
