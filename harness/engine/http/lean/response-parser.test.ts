import { describe, expect, it } from 'vitest';
import { PARSE_DONE, PARSE_ERROR, PARSE_MORE, ResponseParser } from './response-parser.ts';

/** Feeds `text` in pieces of `size` bytes; the result of the last feed. */
function feed(text: string, size = Number.POSITIVE_INFINITY, opts = { head: false, keep: true }) {
  const p = new ResponseParser();
  p.reset(opts.head, opts.keep);
  const bytes = Buffer.from(text, 'latin1');
  let r = PARSE_MORE;
  for (let i = 0; i < bytes.length && r === PARSE_MORE; i += size) {
    // A big shared buffer with junk after the piece, as the socket's read buffer is.
    const piece = bytes.subarray(i, Math.min(bytes.length, i + size));
    const buf = Buffer.alloc(piece.length + 64, 'X\r\n\r\n');
    piece.copy(buf);
    r = p.execute(buf, 0, piece.length);
  }
  return { p, r, body: Buffer.concat(p.body ?? []).toString('latin1'), length: bytes.length };
}

const sizes = [Number.POSITIVE_INFINITY, 1, 2, 3, 7];

describe('ResponseParser', () => {
  it('parses a Content-Length response in one piece or byte by byte', () => {
    const text = 'HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello';
    for (const size of sizes) {
      const { p, r, body, length } = feed(text, size);
      expect(r, `size ${size}`).toBe(PARSE_DONE);
      expect(p.status).toBe(201);
      expect(body).toBe('hello');
      expect(p.received).toBe(length);
      expect(p.keepAlive).toBe(true);
    }
  });

  it('parses chunked bodies with extensions and trailers', () => {
    const text =
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n' +
      '5;ext=1\r\nhello\r\nA\r\n, chunked!\r\n0\r\nx-trailer: 1\r\n\r\n';
    for (const size of sizes) {
      const { p, r, body, length } = feed(text, size);
      expect(r, `size ${size}`).toBe(PARSE_DONE);
      expect(body).toBe('hello, chunked!');
      expect(p.received).toBe(length);
    }
  });

  it('skips 1xx interim responses and reads no body for 204, 304 and HEAD', () => {
    const cont = feed('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok', 5);
    expect(cont.r).toBe(PARSE_DONE);
    expect(cont.p.status).toBe(200);
    expect(cont.body).toBe('ok');
    expect(feed('HTTP/1.1 204 No Content\r\ncontent-length: 10\r\n\r\n').r).toBe(PARSE_DONE);
    expect(feed('HTTP/1.1 304 Not Modified\r\ncontent-length: 10\r\n\r\n').r).toBe(PARSE_DONE);
    const head = feed('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n', 4, { head: true, keep: false });
    expect(head.r).toBe(PARSE_DONE);
  });

  it('honours connection: close, HTTP/1.0 and keep-alive timeouts', () => {
    expect(feed('HTTP/1.1 200 OK\r\nConnection: close\r\ncontent-length: 0\r\n\r\n').p.keepAlive).toBe(false);
    expect(feed('HTTP/1.0 200 OK\r\ncontent-length: 0\r\n\r\n').p.keepAlive).toBe(false);
    expect(feed('HTTP/1.0 200 OK\r\nconnection: keep-alive\r\ncontent-length: 0\r\n\r\n').p.keepAlive).toBe(
      true,
    );
    const ka = feed('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5\r\ncontent-length: 0\r\n\r\n');
    expect(ka.p.keepAliveTimeoutMs).toBe(5000);
  });

  it('reads a body without length until the connection closes', () => {
    const { p, r } = feed('HTTP/1.1 200 OK\r\n\r\nsome bytes', 3);
    expect(r).toBe(PARSE_MORE);
    expect(p.untilClose).toBe(true);
    expect(p.finishAtEof()).toBe(PARSE_DONE);
    expect(Buffer.concat(p.body!).toString()).toBe('some bytes');
    expect(p.keepAlive).toBe(false);
  });

  it('rejects what is not HTTP, and bad framing', () => {
    expect(feed('SSH-2.0-OpenSSH\r\n\r\n').r).toBe(PARSE_ERROR);
    expect(feed('HTTP/1.1 200 OK\r\ncontent-length: 1x\r\n\r\n').r).toBe(PARSE_ERROR);
    expect(feed('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n').r).toBe(PARSE_ERROR);
    const cut = feed('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc');
    expect(cut.r).toBe(PARSE_MORE);
    expect(cut.p.finishAtEof()).toBe(PARSE_ERROR);
  });

  it('notices bytes after the end of the response', () => {
    const { p, r } = feed('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nokEXTRA');
    expect(r).toBe(PARSE_DONE);
    expect(p.trailing).toBe(5);
  });
});
