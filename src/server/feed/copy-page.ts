import type pg from 'pg';
import type { SqlClient, SqlExecutor } from '../store/client';
import {
  EPOCH_SQL,
  EpochChangedError,
  endLine,
  pageSql,
  visibleToViewer,
  type FeedViewer,
  type PageEpochs,
} from './page-sql';

// ---------------------------------------------------------------------------------------------
// PostgreSQL: the whole page as one `COPY … TO STDOUT (FORMAT binary)`, streamed.
//
// Row by row through `pg`, every line is decoded from UTF-8 into a JS string and encoded back
// for the socket, and a query's rows arrive only once it completed: that was most of the feed's
// cost. COPY's binary format hands over each row's bytes as they come instead. PostgreSQL sends
// the columns, Node writes them into the line around the stored JSON's bytes, copied as they are:
// building the line in SQL (string concatenation per row) cost PostgreSQL more than the whole
// rest of the statement.

/** Output Buffers are cut at about this size: large socket writes, few of them. */
const FLUSH_BYTES = 256 * 1024;
/** A page's first Buffer is small, so that its response, and the client's parsing, start soon. */
const FIRST_FLUSH_BYTES = 16 * 1024;
/**
 * Above this many bytes waiting for the response, reading from PostgreSQL pauses. A page's
 * statement holds a pooled connection until it ends, so a slow client must not hold it for the
 * time its download takes: a usual page (5,000 cases, under 3 MB) is read in full at once and
 * waits in memory; only a page of unusually large rows is paused, to keep memory bounded.
 */
const PAUSE_BYTES = 8 * 1024 * 1024;

/**
 * Output Buffers given back once written (`recycleChunk`), for the next pages to fill. Only the
 * backing stores of Buffers lent out by a page and not yet given back are accepted, so a Buffer
 * can never be filled while it is still being written.
 */
const spareOutputs: ArrayBuffer[] = [];
const SPARE_OUTPUTS_MAX = 16;
const lentOutputs = new WeakSet<ArrayBufferLike>();

function outputBuffer(): Buffer {
  const spare = spareOutputs.pop();
  return spare ? Buffer.from(spare) : Buffer.allocUnsafe(FLUSH_BYTES);
}

/**
 * Tells the feed that a Buffer `feedPageChunks` yielded was written and is no longer needed, so
 * its memory may serve a later page. Optional: Buffers not given back are garbage collected.
 */
export function recycleChunk(chunk: Buffer): void {
  const backing = chunk.buffer;
  if (!lentOutputs.delete(backing)) return;
  if (spareOutputs.length < SPARE_OUTPUTS_MAX) spareOutputs.push(backing as ArrayBuffer);
}

/**
 * The rows of the COPY: cursor bigint, entity text, data (upserts), id (deletes); the head row
 * has its cursor and, in the data column, the feed's epoch.
 */
const COPY_COLUMNS = `entity, CASE WHEN op = 'upsert' THEN data::text END AS data,
      CASE WHEN op = 'upsert' THEN NULL ELSE entity_id END AS id`;

/**
 * The PostgreSQL store's executor is its `pg.Pool`'s `query`, which hands anything with a
 * `submit` method to a pooled client as it is and releases that client once the submittable
 * calls back. That is how `copyPage` runs a COPY through the plain `SqlExecutor` interface.
 * TODO(store): an explicit `SqlClient` method for COPY TO STDOUT would say so in the interface.
 */
export function isPostgres(db: SqlExecutor): boolean {
  return (db as Partial<Pick<SqlClient, 'kind'>>).kind === 'postgres';
}

/** Binary COPY header: signature, flags, header extension length. */
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const COPY_HEADER_BYTES = COPY_SIGNATURE.length + 8;

const LINE_START = Buffer.from('{"kind":"change","cursor":');
const LINE_END = Buffer.from('}\n');

/** The part of a line after the cursor up to the data (upsert) or the id (delete). */
interface EntityParts {
  upsert: Buffer;
  delete: Buffer;
}

function entityParts(name: string): EntityParts {
  const entity = JSON.stringify(name);
  return {
    upsert: Buffer.from(`,"entity":${entity},"op":"upsert","data":`),
    delete: Buffer.from(`,"entity":${entity},"op":"delete","id":`),
  };
}

function decimalDigits(value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
  return digits;
}

/**
 * A `pg` submittable running one `COPY (page) TO STDOUT (FORMAT binary)` of COPY_COLUMNS: it
 * writes each change's NDJSON line into output Buffers, keeps the cursors the end line needs, and
 * pauses the connection while the response lags behind.
 */
class CopyPageQuery {
  /** Set by `pg` (the pool's release); called once the statement is over. */
  callback?: (error: Error | null, result?: { rows: never[] }) => void;
  /** What `pg` returns instead of a promise when no callback is set. */
  readonly rows: never[] = [];

  /** Changes after the first `limit` (the one look-ahead row) are counted, not sent. */
  count = 0;
  last: number;
  head = 0;
  /** The epoch the statement saw (the head row's), null until the head row came. */
  headEpoch: string | null = null;
  submitted = false;
  done = false;
  error: Error | null = null;

  private readonly ready: Buffer[] = [];
  private readyBytes = 0;
  private out: Buffer = Buffer.allocUnsafe(FIRST_FLUSH_BYTES);
  private outBytes = 0;
  /** An incomplete row carried over to the next CopyData message (copied: pg reuses its own). */
  private carry: Buffer | null = null;
  private headerSeen = false;
  private trailerSeen = false;
  private readonly entities = new Map<string, EntityParts>();
  /** The last row's entity name in bytes, and its parts: rows mostly come in runs. */
  private lastEntity = Buffer.alloc(0);
  private lastParts: EntityParts | null = null;
  private connection: pg.Connection | null = null;
  private paused = false;
  private abandoned = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly text: string,
    private readonly limit: number,
    after: number,
    private readonly epochs: PageEpochs,
  ) {
    this.last = after;
  }

  submit(connection: pg.Connection): void {
    this.submitted = true;
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    if (this.abandoned || this.error || this.trailerSeen) return;
    let data = message.chunk;
    if (this.carry) {
      data = Buffer.concat([this.carry, data]);
      this.carry = null;
    }
    try {
      const used = this.parse(data);
      if (used < data.length) this.carry = Buffer.from(data.subarray(used));
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (this.readyBytes > PAUSE_BYTES && !this.paused && this.connection) {
      this.paused = true;
      this.connection.stream.pause();
    }
  }

  /** Handles the whole rows in `data`; returns how many bytes they took. */
  private parse(data: Buffer): number {
    let at = 0;
    if (!this.headerSeen) {
      if (data.length < COPY_HEADER_BYTES) return 0;
      if (!data.subarray(0, COPY_SIGNATURE.length).equals(COPY_SIGNATURE)) {
        throw new Error('feed COPY: not a binary COPY stream');
      }
      const extension = data.readUInt32BE(COPY_SIGNATURE.length + 4);
      if (data.length < COPY_HEADER_BYTES + extension) return 0;
      at = COPY_HEADER_BYTES + extension;
      this.headerSeen = true;
    }
    const end = data.length;
    while (at + 2 <= end) {
      const fields = data.readInt16BE(at);
      if (fields === -1) {
        this.trailerSeen = true;
        return at + 2;
      }
      if (fields !== 4) throw new Error(`feed COPY: ${fields} fields in a row`);
      // Each field: int32 length (-1 for NULL), then its bytes. The cursor is an int8.
      if (at + 14 > end) break;
      if (data.readInt32BE(at + 2) !== 8) throw new Error('feed COPY: bad cursor field');
      const cursor = data.readUInt32BE(at + 6) * 0x1_0000_0000 + data.readUInt32BE(at + 10);
      const entityAt = at + 14;
      if (entityAt + 4 > end) break;
      const entityLength = data.readInt32BE(entityAt);
      const dataAt = entityAt + 4 + Math.max(entityLength, 0);
      if (dataAt + 4 > end) break;
      const dataLength = data.readInt32BE(dataAt);
      const idAt = dataAt + 4 + Math.max(dataLength, 0);
      if (idAt + 4 > end) break;
      const idLength = data.readInt32BE(idAt);
      const rowEnd = idAt + 4 + Math.max(idLength, 0);
      if (rowEnd > end) break;
      at = rowEnd;

      if (entityLength === -1) {
        this.head = cursor;
        if (dataLength >= 0) this.headEpoch = data.toString('latin1', dataAt + 4, idAt);
        continue;
      }
      this.count += 1;
      if (this.count > this.limit) continue;
      this.last = cursor;
      const parts = this.partsOf(data, entityAt + 4, entityLength);
      if (dataLength >= 0) this.writeLine(cursor, parts.upsert, data, dataAt + 4, dataLength);
      else if (idLength >= 0) {
        const id = Buffer.from(JSON.stringify(data.toString('utf8', idAt + 4, rowEnd)));
        this.writeLine(cursor, parts.delete, id, 0, id.length);
      } else throw new Error('feed COPY: a change without data or id');
    }
    return at;
  }

  private partsOf(data: Buffer, start: number, length: number): EntityParts {
    const known = this.lastEntity;
    if (this.lastParts && known.length === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (known[i] !== data[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastParts;
    }
    const name = data.toString('utf8', start, start + length);
    let parts = this.entities.get(name);
    if (!parts) {
      parts = entityParts(name);
      this.entities.set(name, parts);
    }
    this.lastEntity = Buffer.from(data.subarray(start, start + length));
    this.lastParts = parts;
    return parts;
  }

  /** `{"kind":"change","cursor":<cursor><middle><value bytes>}\n` into the output. */
  private writeLine(
    cursor: number,
    middle: Buffer,
    value: Buffer,
    start: number,
    length: number,
  ): void {
    const digits = decimalDigits(cursor);
    const size = LINE_START.length + digits + middle.length + length + LINE_END.length;
    if (this.outBytes + size > this.out.length) {
      this.flush();
      if (size > this.out.length) this.out = Buffer.allocUnsafe(size);
    }
    const out = this.out;
    let at = this.outBytes;
    out.set(LINE_START, at);
    at += LINE_START.length;
    let rest = cursor;
    for (let i = at + digits - 1; i >= at; i--) {
      out[i] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    at += digits;
    out.set(middle, at);
    at += middle.length;
    at += value.copy(out, at, start, start + length);
    out.set(LINE_END, at);
    this.outBytes = at + LINE_END.length;
  }

  private flush(): void {
    if (this.outBytes === 0) return;
    const out = this.out;
    if (out.byteOffset === 0 && out.buffer.byteLength === FLUSH_BYTES) lentOutputs.add(out.buffer);
    this.push(out.subarray(0, this.outBytes));
    this.out = outputBuffer();
    this.outBytes = 0;
  }

  private push(bytes: Buffer): void {
    this.ready.push(bytes);
    this.readyBytes += bytes.length;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    if (!this.error && !this.abandoned) {
      if (this.trailerSeen) this.writeEnd();
      else this.error = new Error('feed COPY: stream cut short');
    }
    this.finish(null);
  }

  /**
   * The end line, riding with the last lines (one write less per page). After a full page it
   * holds the last change's cursor; a short page ends at the head the statement saw (`pageSql`).
   * A page that saw another epoch gets no end line but fails (`EpochChangedError`).
   */
  private writeEnd(): void {
    if (this.headEpoch !== this.epochs.expected) {
      this.error = new EpochChangedError(this.epochs.expected, this.headEpoch);
      return;
    }
    const full = this.count >= this.limit;
    const line = endLine(
      full ? this.last : Math.max(this.head, this.last),
      this.count > this.limit,
      this.epochs.end,
    );
    if (this.outBytes + line.length > this.out.length) this.flush();
    this.outBytes += this.out.write(line, this.outBytes, 'latin1');
    this.flush();
  }

  handleError(error: Error): void {
    this.error ??= error;
    this.finish(error);
  }

  handleEmptyQuery(): void {
    this.fail(new Error('feed COPY: empty query'));
  }

  handleRowDescription(): void {
    this.fail(new Error('feed COPY: rows instead of COPY data'));
  }

  handleDataRow(): void {}

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail('feed COPY: no input');
  }

  /** Fails the page but lets the statement run out, so the connection stays usable. */
  fail(error: Error): void {
    this.error ??= error;
    this.resume();
    this.signal();
  }

  private finish(error: Error | null): void {
    if (this.done) return;
    this.done = true;
    this.resume();
    this.signal();
    const callback = this.callback;
    this.callback = undefined;
    callback?.(error, { rows: [] });
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private resume(): void {
    if (this.paused && this.connection) {
      this.paused = false;
      this.connection.stream.resume();
    }
  }

  /** The next output Buffer, or null once the statement is over and everything was taken. */
  async take(): Promise<Buffer | null> {
    for (;;) {
      if (this.error) throw this.error;
      const next = this.ready.shift();
      if (next) {
        this.readyBytes -= next.length;
        if (this.readyBytes <= PAUSE_BYTES / 2) this.resume();
        return next;
      }
      if (this.done) return null;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** The reader went away: the rest of the statement is read and dropped. */
  abandon(): void {
    this.abandoned = true;
    this.ready.length = 0;
    this.readyBytes = 0;
    this.resume();
  }
}

export async function* copyPage(
  db: SqlExecutor,
  viewer: FeedViewer,
  cursor: number,
  limit: number,
  epochs: PageEpochs,
): AsyncGenerator<Buffer> {
  // COPY takes no parameters: the viewer's id goes in as an escaped literal, the numbers were
  // checked to be safe integers (feedPageChunks).
  const visible = visibleToViewer(viewer);
  // One row more than the page holds tells whether more follows, in the same snapshot.
  const page = pageSql(
    COPY_COLUMNS,
    `NULL, ${EPOCH_SQL}, NULL`,
    visible,
    String(cursor),
    String(limit + 1),
  );
  const query = new CopyPageQuery(
    `COPY (${page}) TO STDOUT (FORMAT binary)`,
    limit,
    cursor,
    epochs,
  );
  // Settles once the submittable called back (the pooled client is then released). Should the
  // store ever stop handing the submittable to pg as it is, this fails the page, not hangs it.
  db.query(query as unknown as string).then(
    () => {
      if (!query.submitted) query.fail(new Error('feed COPY: the store did not run the COPY'));
    },
    (error: unknown) => query.fail(error instanceof Error ? error : new Error(String(error))),
  );
  let finished = false;
  try {
    for (let next = await query.take(); next; next = await query.take()) yield next;
    finished = true;
  } finally {
    if (!finished) query.abandon();
  }
}
