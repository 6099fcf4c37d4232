import { describe, expect, it } from 'vitest';
import { dial, echoRoundTrip, outcome, proxyTo, sleepMs, startEchoServer } from './proxy.test-kit.ts';

describe('toxics that stop or close connections', () => {
  it('timeout drops data and closes the connection after timeout_ms', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    const start = performance.now();
    proxy.addToxic({ type: 'timeout', stream: 'upstream', timeout_ms: 200 });
    const result = outcome(client);
    client.write('never echoed');
    const { bytes, closedAt, error } = await result;
    expect(bytes).toBe(0);
    expect(error).toBeUndefined();
    expect(closedAt - start).toBeGreaterThanOrEqual(195);
    expect(closedAt - start).toBeLessThan(300);
  });

  it('timeout 0 holds the connection open until removed, then data flows again', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    const handle = proxy.addToxic({ type: 'timeout', stream: 'downstream', timeout_ms: 0 });
    let got = 0;
    client.on('data', (chunk: Buffer) => {
      got += chunk.length;
    });
    client.write('swallowed');
    await sleepMs(250);
    expect(got).toBe(0);
    expect(client.destroyed).toBe(false);
    await handle.revert();
    client.removeAllListeners('data');
    expect(await echoRoundTrip(client, 'after')).toBeLessThan(50);
  });

  it('reset_peer gives ECONNRESET at the client after timeout_ms', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    proxy.addToxic({ type: 'reset_peer', stream: 'upstream', timeout_ms: 100 });
    const start = performance.now();
    const result = outcome(client);
    client.write('hello');
    const { error, closedAt } = await result;
    expect(error).toBe('ECONNRESET');
    expect(closedAt - start).toBeGreaterThanOrEqual(95);
    expect(closedAt - start).toBeLessThan(200);
  });

  it('limit_data passes exactly N bytes and then closes', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    proxy.addToxic({ type: 'limit_data', stream: 'downstream', bytes: 1000 });
    const client = await dial(proxy.port);
    const result = outcome(client);
    client.write(Buffer.alloc(5000, 7));
    const { bytes, ended, error } = await result;
    expect(bytes).toBe(1000);
    expect(ended).toBe(true);
    expect(error).toBeUndefined();
  });

  it('slow_close delays the end of the stream by delay_ms', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    proxy.addToxic({ type: 'slow_close', stream: 'downstream', delay_ms: 150 });
    const client = await dial(proxy.port);
    await echoRoundTrip(client);
    const result = outcome(client);
    const start = performance.now();
    client.end();
    const { closedAt, ended } = await result;
    expect(ended).toBe(true);
    expect(closedAt - start).toBeGreaterThanOrEqual(145);
    expect(closedAt - start).toBeLessThan(250);
  });

  it('flushes what limit_data let through before closing, even to a slow reader', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    proxy.addToxic({ type: 'limit_data', stream: 'downstream', bytes: 3 * 1024 * 1024 });
    const client = await dial(proxy.port);
    const result = outcome(client);
    client.pause();
    client.write(Buffer.alloc(4 * 1024 * 1024, 1));
    await sleepMs(100);
    client.resume();
    const { bytes, ended } = await result;
    expect(bytes).toBe(3 * 1024 * 1024);
    expect(ended).toBe(true);
  });
});
