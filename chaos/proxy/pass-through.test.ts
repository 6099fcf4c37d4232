import { describe, expect, it } from 'vitest';
import {
  connectOutcome,
  dial,
  digest,
  echoRoundTrip,
  httpClient,
  outcome,
  pattern,
  proxyTo,
  readBytes,
  sleepMs,
  startEchoServer,
  startHttpServer,
} from './proxy.test-kit.ts';

describe('fault proxy without toxics', () => {
  it('echoes a large payload intact and counts the bytes both ways', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    const payload = pattern(16 * 1024 * 1024);
    const back = readBytes(client, payload.length);
    client.write(payload);
    expect(digest(await back)).toBe(digest(payload));
    const stats = proxy.stats();
    expect(stats.connections).toEqual({ accepted: 1, active: 1 });
    expect(stats.bytes.upstream.sent).toBe(payload.length);
    expect(stats.bytes.downstream.sent).toBe(payload.length);
  });

  it('pushes back on a fast sender when the server does not read, and loses nothing', async () => {
    const echo = await startEchoServer({ reading: false });
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    const payload = pattern(16 * 1024 * 1024);
    const back = readBytes(client, payload.length);
    client.write(payload);
    await sleepMs(300);
    const stalled = proxy.stats();
    // Kernel buffers hold a few MB; the proxy itself holds at most a socket's worth.
    expect(stalled.bytes.upstream.received).toBeLessThan(payload.length / 2);
    expect(stalled.buffered).toBeLessThan(2 * 1024 * 1024);
    echo.startReading();
    expect(digest(await back)).toBe(digest(payload));
  });

  it('passes a half-close through: the client ends, the server answers and ends', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    const done = outcome(client);
    client.end('bye');
    const result = await done;
    expect(result).toMatchObject({ bytes: 3, ended: true, error: undefined });
    await sleepMs(20);
    expect(proxy.stats().connections.active).toBe(0);
  });

  it('serves HTTP requests on a keep-alive connection', async () => {
    const http = await startHttpServer();
    const proxy = await proxyTo(http.port);
    const client = httpClient(proxy.port);
    for (let i = 0; i < 20; i++) await client.get();
    expect(proxy.stats().connections.accepted).toBe(1);
  });

  it('closes the client when the upstream refuses', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port, { upstream: { host: '127.0.0.1', port: 1 } });
    const client = await dial(proxy.port);
    const result = await outcome(client);
    expect(result.bytes).toBe(0);
  });

  it('stop() closes the listener and every connection', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    await echoRoundTrip(client);
    const closed = outcome(client);
    await proxy.stop();
    await closed;
    expect(await connectOutcome(proxy.port)).toBe('ECONNREFUSED');
    expect(proxy.stats().connections.active).toBe(0);
    await proxy.stop(); // idempotent
  });
});
