import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/helpers/test-server.ts';
import { Exchange, type RequestShape } from '../client.ts';
import { LeanClient } from './lean-client.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Outcome {
  status: number;
  body: string;
  sent: number;
  received: number;
  error?: string;
}

/** Sends `n` requests of `shape` one after another (or `parallel` at a time) and collects the outcomes. */
async function send(
  client: LeanClient,
  shape: RequestShape,
  n: number,
  opts: { path?: string; body?: string; parallel?: number } = {},
): Promise<Outcome[]> {
  const out: Outcome[] = [];
  const one = () =>
    new Promise<void>((resolve) => {
      const ex = new Exchange({
        complete(e, err) {
          e.done = true;
          out.push({
            status: e.status,
            body: e.text(),
            sent: e.sent,
            received: e.received,
            ...(err ? { error: (err as { code?: string }).code } : {}),
          });
          resolve();
        },
      });
      ex.begin(shape, opts.path ?? '/x', opts.body, true, 0, performance.now());
      client.send(ex);
    });
  const lanes = opts.parallel ?? 1;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let i = lane; i < n; i += lanes) await one();
    }),
  );
  return out;
}

const client = (s: TestServer, maxConnections = 4) =>
  new LeanClient({ origin: new URL(s.url), maxConnections, connectTimeoutMs: 1000, timeoutMs: 1000 });
const get: RequestShape = { method: 'GET', headers: [], fixed: true };

describe('LeanClient', () => {
  it('reuses keep-alive connections and counts the exact bytes on the wire', async () => {
    server = await startTestServer({ body: 'hello' });
    const c = client(server, 2);
    const out = await send(c, get, 20, { parallel: 2 });
    await c.destroy();
    expect(out.every((o) => o.status === 200 && o.body === 'hello')).toBe(true);
    const request = `GET /x HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nconnection: keep-alive\r\n\r\n`;
    expect(out[0]!.sent).toBe(request.length);
    // Node's head: status line, content-type, content-length, date, connection, keep-alive.
    expect(out[0]!.received).toBeGreaterThan(100);
    expect(new Set(out.map((o) => o.received)).size).toBe(1);
    expect(server.requests).toBe(20);
    expect(server.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('reads chunked bodies, sends bodies with content-length, and reads no body for HEAD', async () => {
    server = await startTestServer({ chunked: true, body: (_n, _req, b) => `echo:${b}` });
    const c = client(server);
    const put: RequestShape = { method: 'PUT', headers: ['content-type', 'text/plain'], fixed: false };
    const out = await send(c, put, 3, { body: 'héllo' });
    expect(out.map((o) => o.body)).toEqual(['echo:héllo', 'echo:héllo', 'echo:héllo']);
    expect(out[0]!.sent).toBe(
      Buffer.byteLength(
        `PUT /x HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nconnection: keep-alive\r\ncontent-type: text/plain\r\ncontent-length: 6\r\n\r\nhéllo`,
      ),
    );
    const head = await send(c, { method: 'HEAD', headers: [], fixed: true }, 2);
    expect(head.map((o) => [o.status, o.body])).toEqual([
      [200, ''],
      [200, ''],
    ]);
    await c.destroy();
  });

  it('opens a new connection after connection: close', async () => {
    server = await startTestServer({ close: (n) => n % 2 === 1 });
    const c = client(server, 1);
    const out = await send(c, get, 6);
    await c.destroy();
    expect(out.every((o) => o.status === 200 && o.error === undefined)).toBe(true);
    expect(server.requests).toBe(6);
  });

  it('queues requests beyond maxConnections and serves them in order as connections free up', async () => {
    server = await startTestServer({ delayMs: 20 });
    const c = client(server, 2);
    const t = performance.now();
    const out = await send(c, get, 8, { parallel: 8 });
    await c.destroy();
    expect(out).toHaveLength(8);
    expect(server.maxInFlight).toBe(2);
    // Four rounds of two.
    expect(performance.now() - t).toBeGreaterThanOrEqual(75);
  });

  it('opens connections for a burst a few at a time, and requests take whichever comes free first', async () => {
    server = await startTestServer({ body: 'ok' });
    // Every TCP client socket this process creates, seen through Node's own diagnostics channel.
    let connecting = 0;
    let maxConnecting = 0;
    const onSocket = ({ socket }: { socket: Socket }) => {
      maxConnecting = Math.max(maxConnecting, ++connecting);
      socket.once('connect', () => connecting--);
    };
    diagnostics.subscribe('net.client.socket', onSocket as (m: unknown) => void);
    try {
      const c = client(server, 300);
      const out = await send(c, get, 300, { parallel: 300 });
      const opened = server.connections;
      await c.destroy();
      expect(out.filter((o) => o.status === 200)).toHaveLength(300);
      expect(maxConnecting).toBeLessThanOrEqual(16);
      // A socket per request would be 300; some requests ran on connections that had come free.
      expect(opened).toBeLessThan(300);
    } finally {
      diagnostics.unsubscribe('net.client.socket', onSocket as (m: unknown) => void);
    }
  });

  it('fails each request of a burst whose connections are refused, and leaves none waiting', async () => {
    server = await startTestServer({});
    const port = server.port;
    await server.close();
    server = undefined;
    const c = new LeanClient({
      origin: new URL(`http://127.0.0.1:${port}`),
      maxConnections: 100,
      connectTimeoutMs: 1000,
      timeoutMs: 1000,
    });
    const out = await send(c, get, 40, { parallel: 40 });
    await c.destroy();
    expect(out.map((o) => o.error)).toEqual(Array(40).fill('ECONNREFUSED'));
  });

  it('fails a request whose connection the server drops, with ECONNRESET', async () => {
    server = await startTestServer({ reset: (n) => n === 2 });
    const c = client(server, 1);
    const out = await send(c, get, 3);
    await c.destroy();
    expect(out.map((o) => o.error ?? o.status)).toEqual([200, 'ECONNRESET', 200]);
  });
});
