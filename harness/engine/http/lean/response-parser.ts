/**
 * An incremental HTTP/1.1 response parser for the lean client: one response
 * at a time (pipelining 1), fed straight from the socket's read buffer. It
 * reads only what the engine needs — the status, the framing (Content-Length,
 * chunked, until close), `connection` and `keep-alive: timeout` — counts every
 * raw byte, and copies body bytes only when asked to keep the body.
 *
 * Bodyless responses: 1xx interim responses (skipped, the final one follows),
 * 204, 304 and any response to HEAD.
 */

const HEAD = 0;
const BODY = 1;
const UNTIL_CLOSE = 2;
const CHUNK_SIZE = 3;
const CHUNK_EXT = 4;
const CHUNK_DATA = 5;
const CHUNK_DATA_END = 6;
const TRAILER = 7;
const DONE = 8;

/** Longest response head accepted (status line and headers). */
const MAX_HEAD = 64 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n');

export const PARSE_MORE = 0;
export const PARSE_DONE = 1;
export const PARSE_ERROR = -1;

export class ResponseParser {
  status = 0;
  /** Raw bytes of the response so far: heads (interim ones too), body and chunk framing. */
  received = 0;
  /** The server keeps the connection open after this response. */
  keepAlive = true;
  /** From `keep-alive: timeout=N`, ms; -1 when the server did not say. */
  keepAliveTimeoutMs = -1;
  /** Why the response could not be parsed (after PARSE_ERROR). */
  error = '';
  /** Body chunks (copies), when the body is kept. */
  body: Buffer[] | undefined;
  /** Bytes of this chunk that followed the end of the response (unexpected with pipelining 1). */
  trailing = 0;

  private state = HEAD;
  private headRequest = false;
  private keepBody = false;
  private remaining = 0;
  private pending: Buffer | undefined;
  private sizeDigits = 0;
  private lineLen = 0;

  /** Prepares for the response to the next request. */
  reset(headRequest: boolean, keepBody: boolean): void {
    this.status = 0;
    this.received = 0;
    this.keepAlive = true;
    this.keepAliveTimeoutMs = -1;
    this.error = '';
    this.body = keepBody ? [] : undefined;
    this.trailing = 0;
    this.state = HEAD;
    this.headRequest = headRequest;
    this.keepBody = keepBody;
    this.remaining = 0;
    this.pending = undefined;
  }

  /** True while a response is delimited by the connection closing. */
  get untilClose(): boolean {
    return this.state === UNTIL_CLOSE;
  }

  /** True once the status line arrived (or any byte of it). */
  get started(): boolean {
    return this.received > 0;
  }

  /** Feeds `buf[start, end)`; PARSE_DONE when the response is complete. */
  execute(buf: Buffer, start: number, end: number): number {
    let i = start;
    while (i < end) {
      switch (this.state) {
        case HEAD: {
          const next = this.head(buf, i, end);
          if (next < 0) return next === -2 ? PARSE_MORE : PARSE_ERROR;
          i = next;
          break;
        }
        case BODY: {
          const n = Math.min(this.remaining, end - i);
          this.keepBytes(buf, i, i + n);
          this.received += n;
          this.remaining -= n;
          i += n;
          if (this.remaining === 0) this.state = DONE;
          break;
        }
        case UNTIL_CLOSE:
          this.keepBytes(buf, i, end);
          this.received += end - i;
          return PARSE_MORE;
        case CHUNK_SIZE: {
          const c = buf[i]!;
          this.received++;
          i++;
          const d = hexDigit(c);
          if (d >= 0) {
            if (++this.sizeDigits > 12) return this.fail('chunk size too large');
            this.remaining = this.remaining * 16 + d;
          } else if (c === 0x0a) {
            if (this.sizeDigits === 0) return this.fail('empty chunk size');
            this.endOfChunkSize();
          } else if (c === 0x3b || c === 0x20 || c === 0x09) this.state = CHUNK_EXT;
          else if (c !== 0x0d) return this.fail('invalid chunk size');
          break;
        }
        case CHUNK_EXT: {
          const lf = buf.indexOf(0x0a, i);
          const stop = lf < 0 || lf >= end ? end : lf + 1;
          this.received += stop - i;
          i = stop;
          if (stop === lf + 1) {
            if (this.sizeDigits === 0) return this.fail('empty chunk size');
            this.endOfChunkSize();
          }
          break;
        }
        case CHUNK_DATA: {
          const n = Math.min(this.remaining, end - i);
          this.keepBytes(buf, i, i + n);
          this.received += n;
          this.remaining -= n;
          i += n;
          if (this.remaining === 0) this.state = CHUNK_DATA_END;
          break;
        }
        case CHUNK_DATA_END: {
          const c = buf[i]!;
          this.received++;
          i++;
          if (c === 0x0a) this.startChunkSize();
          else if (c !== 0x0d) return this.fail('missing CRLF after chunk data');
          break;
        }
        case TRAILER: {
          const c = buf[i]!;
          this.received++;
          i++;
          if (c === 0x0a) {
            if (this.lineLen === 0) this.state = DONE;
            this.lineLen = 0;
          } else if (c !== 0x0d) this.lineLen++;
          break;
        }
        case DONE:
          this.trailing = end - i;
          return PARSE_DONE;
      }
    }
    return this.state === DONE ? PARSE_DONE : PARSE_MORE;
  }

  /** The connection closed: PARSE_DONE when that ends the response (a body delimited by close). */
  finishAtEof(): number {
    if (this.state === UNTIL_CLOSE) {
      this.state = DONE;
      return PARSE_DONE;
    }
    return this.state === DONE ? PARSE_DONE : PARSE_ERROR;
  }

  private fail(message: string): number {
    this.error = message;
    return PARSE_ERROR;
  }

  private keepBytes(buf: Buffer, from: number, to: number): void {
    if (this.keepBody && to > from) this.body!.push(Buffer.from(buf.subarray(from, to)));
  }

  private startChunkSize(): void {
    this.state = CHUNK_SIZE;
    this.remaining = 0;
    this.sizeDigits = 0;
  }

  private endOfChunkSize(): void {
    if (this.remaining === 0) {
      this.state = TRAILER;
      this.lineLen = 0;
    } else this.state = CHUNK_DATA;
  }

  /**
   * Looks for the end of the head from `i`; parses it when complete. Returns
   * the index after the head, -2 when more bytes are needed, -1 on error.
   */
  private head(buf: Buffer, i: number, end: number): number {
    if (this.pending === undefined) {
      const at = buf.indexOf(CRLFCRLF, i);
      if (at < 0 || at + 4 > end) {
        if (end - i > MAX_HEAD) return this.failHead('response head too large');
        this.pending = Buffer.from(buf.subarray(i, end));
        this.received += end - i;
        return -2;
      }
      if (!this.parseHead(buf, i, at + 4)) return -1;
      this.received += at + 4 - i;
      return at + 4;
    }
    const before = this.pending.length;
    const src = Buffer.concat([this.pending, buf.subarray(i, end)]);
    // The terminator may straddle the two pieces: search from 3 bytes back.
    const at = src.indexOf(CRLFCRLF, Math.max(0, before - 3));
    if (at < 0) {
      if (src.length > MAX_HEAD) return this.failHead('response head too large');
      this.pending = src;
      this.received += end - i;
      return -2;
    }
    this.pending = undefined;
    if (!this.parseHead(src, 0, at + 4)) return -1;
    this.received += at + 4 - before;
    return i + at + 4 - before;
  }

  private failHead(message: string): number {
    this.error = message;
    return -1;
  }

  /** Parses the head in `b[from, to)` (ending with CRLFCRLF) and sets the body state. */
  private parseHead(b: Buffer, from: number, to: number): boolean {
    // "HTTP/1.x SSS"
    if (
      to - from < 12 ||
      b[from] !== 0x48 ||
      b[from + 1] !== 0x54 ||
      b[from + 2] !== 0x54 ||
      b[from + 3] !== 0x50 ||
      b[from + 4] !== 0x2f
    ) {
      this.error = 'not an HTTP/1.x response';
      return false;
    }
    const http10 = b[from + 7] === 0x30;
    const s0 = b[from + 9]! - 0x30;
    const s1 = b[from + 10]! - 0x30;
    const s2 = b[from + 11]! - 0x30;
    if (s0 < 1 || s0 > 9 || s1 < 0 || s1 > 9 || s2 < 0 || s2 > 9) {
      this.error = 'invalid status code';
      return false;
    }
    const status = s0 * 100 + s1 * 10 + s2;
    let contentLength = -1;
    let chunked = false;
    let close = http10;
    let keepAliveTimeoutMs = -1;
    let line = b.indexOf(0x0a, from) + 1;
    while (line < to - 2) {
      let eol = b.indexOf(0x0a, line);
      if (eol < 0 || eol >= to) eol = to - 1;
      const colon = b.indexOf(0x3a, line);
      if (colon > line && colon < eol) {
        const nameLen = colon - line;
        const c0 = b[line]! | 0x20;
        if (nameLen === 14 && c0 === 0x63 && nameIs(b, line, 'content-length')) {
          contentLength = parseDecimal(b, colon + 1, eol);
          if (contentLength < 0) {
            this.error = 'invalid content-length';
            return false;
          }
        } else if (nameLen === 17 && c0 === 0x74 && nameIs(b, line, 'transfer-encoding')) {
          chunked = valueHas(b, colon + 1, eol, 'chunked');
        } else if (nameLen === 10 && c0 === 0x63 && nameIs(b, line, 'connection')) {
          if (valueHas(b, colon + 1, eol, 'close')) close = true;
          else if (valueHas(b, colon + 1, eol, 'keep-alive')) close = false;
        } else if (nameLen === 10 && c0 === 0x6b && nameIs(b, line, 'keep-alive')) {
          const at = indexOfCi(b, colon + 1, eol, 'timeout=');
          if (at >= 0) {
            const secs = parseDecimal(b, at + 8, eol, true);
            if (secs >= 0) keepAliveTimeoutMs = secs * 1000;
          }
        }
      }
      line = eol + 1;
    }
    if (status >= 100 && status < 200) {
      if (status === 101) {
        this.error = 'unexpected protocol switch (101)';
        return false;
      }
      // An interim response: the final one follows on the same connection.
      this.state = HEAD;
      return true;
    }
    this.status = status;
    this.keepAlive = !close;
    this.keepAliveTimeoutMs = keepAliveTimeoutMs;
    if (this.headRequest || status === 204 || status === 304) this.state = DONE;
    else if (chunked) this.startChunkSize();
    else if (contentLength >= 0) {
      this.remaining = contentLength;
      this.state = contentLength === 0 ? DONE : BODY;
    } else {
      this.state = UNTIL_CLOSE;
      this.keepAlive = false;
    }
    return true;
  }
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** Case-insensitive compare of a lowercase ASCII name at `b[at]`. */
function nameIs(b: Buffer, at: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if ((b[at + k]! | 0x20) !== name.charCodeAt(k)) return false;
  return true;
}

function indexOfCi(b: Buffer, from: number, to: number, word: string): number {
  outer: for (let i = from; i + word.length <= to; i++) {
    for (let k = 0; k < word.length; k++) if ((b[i + k]! | 0x20) !== word.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

function valueHas(b: Buffer, from: number, to: number, word: string): boolean {
  return indexOfCi(b, from, to, word) >= 0;
}

/** A decimal number between optional whitespace; -1 when there is none (or junk, unless `prefix`). */
function parseDecimal(b: Buffer, from: number, to: number, prefix = false): number {
  let i = from;
  while (i < to && (b[i] === 0x20 || b[i] === 0x09)) i++;
  let n = 0;
  let digits = 0;
  while (i < to) {
    const c = b[i]!;
    if (c < 0x30 || c > 0x39) break;
    n = n * 10 + (c - 0x30);
    digits++;
    i++;
  }
  if (digits === 0 || digits > 15) return -1;
  if (prefix) return n;
  while (i < to && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0d)) i++;
  return i === to ? n : -1;
}
