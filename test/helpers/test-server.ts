/**
 * An in-process HTTP server on 127.0.0.1, port 0, with knobs for component
 * tests of the load engine (autocannon's test helper, grown a few dials):
 * a fixed or per-request delay, a status, a scripted stall, a JSON reply, and
 * counters of what it saw (requests, in-flight now and at most).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServerKnobs {
  /** Delay before answering, ms: a number, or a function of the 1-based request number. */
  delayMs?: number | ((n: number, req: IncomingMessage) => number);
  /** Status to answer with: a number or a function of the request. Default 200. */
  status?: number | ((n: number, req: IncomingMessage) => number);
  /** Response body: a string, or a function of the request and its body. Default `ok`. */
  body?: string | ((n: number, req: IncomingMessage, requestBody: string) => string);
  /** Destroy the socket instead of answering request n (a connection reset). */
  reset?: (n: number) => boolean;
  /** Answer with `transfer-encoding: chunked` (the body in two chunks) instead of content-length. */
  chunked?: boolean;
  /** Answer request n with `connection: close` and close the connection after it. */
  close?: (n: number) => boolean;
}

export interface TestServer {
  url: string;
  port: number;
  knobs: TestServerKnobs;
  /** Requests received so far. */
  readonly requests: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** TCP connections open right now. */
  readonly connections: number;
  /** Time from each request's arrival to its answer, ms (the server's own truth, timer lateness included). */
  readonly handlingMs: readonly number[];
  /** Request paths in arrival order. */
  readonly paths: readonly string[];
  /** Every request arriving in the next `ms` is held until the stall ends. */
  stall(ms: number): void;
  /** Forgets the counters (not the knobs). */
  resetCounters(): void;
  /** Closes the server and every connection it holds. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startTestServer(knobs: TestServerKnobs = {}): Promise<TestServer> {
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let stallUntil = 0;
  let connections = 0;
  let handlingMs: number[] = [];
  let paths: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const reply = (
    n: number,
    req: IncomingMessage,
    res: ServerResponse,
    requestBody: string,
    at: number,
  ): void => {
    handlingMs.push(performance.now() - at);
    if (knobs.reset?.(n)) {
      inFlight--;
      res.socket?.destroy();
      return;
    }
    const status = typeof knobs.status === 'function' ? knobs.status(n, req) : (knobs.status ?? 200);
    const body = typeof knobs.body === 'function' ? knobs.body(n, req, requestBody) : (knobs.body ?? 'ok');
    inFlight--;
    if (res.destroyed) return;
    const close = knobs.close?.(n) === true;
    if (close) res.shouldKeepAlive = false;
    if (knobs.chunked) {
      res.writeHead(status, { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const half = Math.floor(body.length / 2);
      res.write(body.slice(0, half));
      res.end(body.slice(half));
      return;
    }
    res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const server = createServer((req, res) => {
    const at = performance.now();
    const n = ++requests;
    paths.push(req.url ?? '');
    inFlight++;
    if (inFlight > maxInFlight) maxInFlight = inFlight;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requestBody = Buffer.concat(chunks).toString('utf8');
      const delay = typeof knobs.delayMs === 'function' ? knobs.delayMs(n, req) : (knobs.delayMs ?? 0);
      const wait = Math.max(delay, stallUntil - performance.now());
      if (wait <= 0) reply(n, req, res, requestBody, at);
      else later(wait, () => reply(n, req, res, requestBody, at));
    });
  });
  server.on('connection', (socket) => {
    connections++;
    socket.on('close', () => connections--);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const close = async (): Promise<void> => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    knobs,
    get requests() {
      return requests;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get connections() {
      return connections;
    },
    get handlingMs() {
      return handlingMs;
    },
    get paths() {
      return paths;
    },
    stall(ms) {
      stallUntil = performance.now() + ms;
    },
    resetCounters() {
      requests = 0;
      maxInFlight = inFlight;
      handlingMs = [];
      paths = [];
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A port on 127.0.0.1 with nothing listening (for connection-refused tests). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
