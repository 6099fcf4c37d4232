/**
 * Helpers for the proxy's component tests: an echo server, an HTTP server, a
 * client socket and timing, all on 127.0.0.1 port 0, each closed when the test
 * finishes (vitest's onTestFinished).
 */
import { createHash } from 'node:crypto';
import { Agent, createServer as createHttpServer, request } from 'node:http';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';
import { startFaultProxy } from './fault-proxy.ts';
import type { FaultProxy, FaultProxyOptions } from './types.ts';

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export interface EchoServer {
  port: number;
  /** Sockets the server accepted and that are still open. */
  sockets: Set<Socket>;
  /** For a server started with `reading: false`: start reading (and echoing). */
  startReading(): void;
}

/** Echoes every byte back; ends its side when the client ends. */
export async function startEchoServer(opts: { reading?: boolean } = {}): Promise<EchoServer> {
  let reading = opts.reading ?? true;
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (reading) socket.pipe(socket);
    else socket.pause();
  });
  const port = await listen(server);
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    port,
    sockets,
    startReading() {
      reading = true;
      for (const socket of sockets) socket.pipe(socket);
    },
  };
}

/** Answers every request with `ok` on a keep-alive connection. */
export async function startHttpServer(): Promise<{ port: number }> {
  const server = createHttpServer({ keepAliveTimeout: 10_000 }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
    res.end('ok');
  });
  const port = await listen(server);
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { port };
}

export async function proxyTo(port: number, opts: Partial<FaultProxyOptions> = {}): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ name: 'test', upstream: { host: '127.0.0.1', port }, ...opts });
  onTestFinished(() => proxy.stop());
  return proxy;
}

export function dial(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    onTestFinished(() => {
      socket.destroy();
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

/** Resolves with the error code a connect attempt fails with, or 'connected'. */
export function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
  });
}

/** Reads exactly `n` bytes (rejects if the socket ends or fails first). */
export function readBytes(socket: Socket, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', reject);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      got += chunk.length;
      if (got >= n) {
        cleanup();
        const all = Buffer.concat(chunks);
        if (got > n) socket.unshift(all.subarray(n));
        resolve(all.subarray(0, n));
      }
    };
    const onClose = () => {
      cleanup();
      reject(new Error(`socket closed after ${got} of ${n} bytes`));
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', reject);
  });
}

/** Milliseconds for `payload` to come back from an echo server. */
export async function echoRoundTrip(socket: Socket, payload: Buffer | string = 'ping'): Promise<number> {
  const bytes = Buffer.from(payload);
  const start = performance.now();
  const back = readBytes(socket, bytes.length);
  socket.write(bytes);
  await back;
  return performance.now() - start;
}

export interface SocketOutcome {
  /** Bytes read before the socket closed. */
  bytes: number;
  /** An orderly end (FIN) was seen. */
  ended: boolean;
  /** Error code, e.g. ECONNRESET. */
  error: string | undefined;
  /** performance.now() at close. */
  closedAt: number;
}

/** Reads until the socket closes and says how it closed. */
export function outcome(socket: Socket): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    const result: SocketOutcome = { bytes: 0, ended: false, error: undefined, closedAt: 0 };
    socket.on('data', (chunk: Buffer) => {
      result.bytes += chunk.length;
    });
    socket.on('end', () => {
      result.ended = true;
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      result.error = err.code ?? err.message;
    });
    socket.on('close', () => {
      result.closedAt = performance.now();
      resolve(result);
    });
  });
}

/** A keep-alive HTTP client pinned to one connection; `get()` returns the round trip in ms. */
export function httpClient(port: number): { get(): Promise<number> } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  onTestFinished(() => agent.destroy());
  return {
    get: () =>
      new Promise((resolve, reject) => {
        const start = performance.now();
        const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(performance.now() - start));
        });
        req.on('error', reject);
        req.end();
      }),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A deterministic payload of `n` bytes; every 4 KiB block starts with its index, so reordering shows. */
export function pattern(n: number): Buffer {
  const block = Buffer.allocUnsafe(4096);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31) & 0xff;
  const buf = Buffer.allocUnsafe(n);
  for (let offset = 0, index = 0; offset < n; offset += block.length, index++) {
    block.writeUInt32BE(index, 0);
    block.copy(buf, offset, 0, Math.min(block.length, n - offset));
  }
  return buf;
}

export function digest(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

export const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
