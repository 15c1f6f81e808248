import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  PHOTO_CONTENT_TYPES,
  photoUploadQuerySchema,
  sha256Schema,
  type PhotoContentType,
} from '../../../shared/domain/photo';
import type { AuthUser } from '../../auth/sessions';
import { ANY_ROLE, requireRole } from '../../auth/guard';
import { caseOfficer, findPhoto, insertPhoto, sharedWithUser } from '../../blobs/photo-rows';
import { recordCaseEvent } from '../../cases/events';
import { caseAudience } from '../../feed/audiences';
import { commitWithFeed } from '../../feed/write';
import { DEFAULT_PHOTO_MAX_BYTES } from '../../blobs/photo-store';
import { ApiFailure } from '../../errors';
import { matchesIfNoneMatch, parseByteRange } from '../byte-range';
import type { AppContext } from '../context';
import { parseInput } from '../validate';

const hashParamsSchema = z.object({ sha256: sha256Schema });

/** Photos never change under their hash, so a client may keep them for good. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

function caller(request: FastifyRequest): AuthUser {
  if (!request.authUser) throw new Error('requireRole did not set the user');
  return request.authUser;
}

function declaredType(request: FastifyRequest): PhotoContentType {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const known = PHOTO_CONTENT_TYPES.find((candidate) => candidate === type);
  if (!known) {
    throw new ApiFailure(415, 'unsupported_media_type', 'Send image/jpeg or image/png');
  }
  return known;
}

export async function photoRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const maxBytes = ctx.photoMaxBytes ?? DEFAULT_PHOTO_MAX_BYTES;

  // Its own scope, so the pass-through parser serves only the upload: the handler streams the
  // raw body into the store instead of Fastify buffering up to 15 MB in memory.
  await app.register(async (scope) => {
    scope.addContentTypeParser([...PHOTO_CONTENT_TYPES], (_request, payload, done) => {
      done(null, payload);
    });

    scope.put(
      '/field/photos/:sha256',
      // onRequest, not preHandler: a caller without the right token is refused before the body
      // type is even looked at.
      { onRequest: requireRole(ctx.db, ['officer']) },
      async (request, reply) => {
        const officer = caller(request);
        const { sha256 } = parseInput(hashParamsSchema, request.params, 'path');
        const meta = parseInput(photoUploadQuerySchema, request.query, 'query');
        const contentType = declaredType(request);
        const body = request.body;
        if (!(body instanceof Readable)) {
          throw new ApiFailure(415, 'unsupported_media_type', 'Send image/jpeg or image/png');
        }

        const owner = await caseOfficer(ctx.db, meta.caseId);
        if (owner === null) throw new ApiFailure(404, 'case_not_found', 'No such case', 'caseId');
        if (owner !== officer.id) {
          throw new ApiFailure(403, 'forbidden', 'The case belongs to another officer', 'caseId');
        }
        const known = await findPhoto(ctx.db, sha256);
        if (known && known.case_id !== meta.caseId) {
          throw new ApiFailure(409, 'photo_conflict', 'This photo belongs to another case');
        }
        const length = Number(request.headers['content-length']);
        if (Number.isFinite(length) && length > maxBytes) {
          throw new ApiFailure(413, 'too_large', `A photo may have at most ${maxBytes} bytes`);
        }

        // File first, row second: a crash in between leaves an orphan file that the next upload
        // of the same photo reuses, never a row without its bytes.
        const stored = await ctx.photos.put(body, { sha256, contentType, maxBytes });
        const created = await commitWithFeed(ctx.db, ctx.hub, async (tx, feed) => {
          const record = await insertPhoto(tx, {
            sha256,
            meta,
            sizeBytes: stored.sizeBytes,
            contentType,
            uploadedBy: officer.id,
          });
          if (!record) return false;
          feed.record({
            entity: 'photo',
            id: sha256,
            op: 'upsert',
            data: record,
            audience: caseAudience(owner),
          });
          await recordCaseEvent(tx, feed, {
            caseId: meta.caseId,
            kind: 'photo_added',
            actorId: officer.id,
            refId: sha256,
          });
          return true;
        });
        if (!created) {
          const winner = await findPhoto(ctx.db, sha256);
          if (winner && winner.case_id !== meta.caseId) {
            throw new ApiFailure(409, 'photo_conflict', 'This photo belongs to another case');
          }
        }
        return reply
          .code(created ? 201 : 200)
          .send({ sha256, caseId: meta.caseId, sizeBytes: stored.sizeBytes, contentType });
      },
    );
  });

  app.get(
    '/photos/:sha256',
    { preHandler: requireRole(ctx.db, ANY_ROLE) },
    async (request, reply) => {
      const user = caller(request);
      const { sha256 } = parseInput(hashParamsSchema, request.params, 'path');
      const photo = await findPhoto(ctx.db, sha256);
      if (!photo) throw new ApiFailure(404, 'photo_not_found', 'No such photo');
      if (
        user.role === 'officer' &&
        photo.officer_id !== user.id &&
        !(await sharedWithUser(ctx.db, sha256, user.id))
      ) {
        throw new ApiFailure(403, 'forbidden', "Officers see only their own cases' photos");
      }

      const etag = `"${sha256}"`;
      reply.header('etag', etag).header('cache-control', IMMUTABLE);
      if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
        return reply.code(304).send();
      }
      const size = await ctx.photos.sizeOf(sha256);
      if (size === null) throw new Error(`photo ${sha256} is recorded but its file is missing`);
      reply.header('accept-ranges', 'bytes');

      const range = parseByteRange(request.headers.range, size);
      if (range === 'unsatisfiable') {
        // An error answer is not the photo: it must not be cached as immutable.
        reply.removeHeader('cache-control');
        reply.header('content-range', `bytes */${size}`);
        throw new ApiFailure(416, 'range_not_satisfiable', `The photo has ${size} bytes`);
      }
      const { start, end } = range ?? { start: 0, end: size - 1 };
      if (range) reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
      return reply
        .type(photo.content_type)
        .header('content-length', String(end - start + 1))
        .send(ctx.photos.read(sha256, start, end));
    },
  );
}
