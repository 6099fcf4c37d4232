import { describe, expect, it } from 'vitest';
import { dial, digest, pattern, proxyTo, readBytes, startEchoServer } from './proxy.test-kit.ts';

describe('bandwidth and slicer toxics', () => {
  it('bandwidth limits throughput to the rate within ±20 %', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    proxy.addToxic({ type: 'bandwidth', stream: 'downstream', rate_kbps: 400 });
    const client = await dial(proxy.port);
    const payload = pattern(200_000); // 0.5 s at 400 KB/s
    // The rate is measured from the first byte back to the last, so the echo's
    // set-up time on a busy machine does not count as bandwidth.
    let first: { at: number; bytes: number } | undefined;
    client.once('data', (chunk: Buffer) => {
      first = { at: performance.now(), bytes: chunk.length };
    });
    const back = readBytes(client, payload.length);
    client.write(payload);
    expect(digest(await back)).toBe(digest(payload));
    const kbps = (payload.length - first!.bytes) / (performance.now() - first!.at); // bytes/ms = KB/s
    expect(kbps).toBeGreaterThan(400 * 0.8);
    expect(kbps).toBeLessThan(400 * 1.2);
  });

  it('slicer delivers the bytes intact in many small reads', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    proxy.addToxic({
      type: 'slicer',
      stream: 'downstream',
      average_size: 100,
      size_variation: 50,
      delay_us: 2000,
    });
    const client = await dial(proxy.port);
    const payload = pattern(3000);
    let reads = 0;
    client.on('data', () => {
      reads += 1;
    });
    const back = readBytes(client, payload.length);
    client.write(payload);
    expect(digest(await back)).toBe(digest(payload));
    expect(reads).toBeGreaterThanOrEqual(10);
  });
});
