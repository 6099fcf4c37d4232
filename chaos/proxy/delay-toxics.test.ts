import { describe, expect, it } from 'vitest';
import {
  dial,
  digest,
  echoRoundTrip,
  httpClient,
  median,
  pattern,
  proxyTo,
  readBytes,
  startEchoServer,
  startHttpServer,
} from './proxy.test-kit.ts';

async function rtts(get: () => Promise<number>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await get());
  return out;
}

describe('latency, jitter and drop toxics', () => {
  it('latency 50 ms raises an HTTP round trip by 50 ms ± 10 %', async () => {
    const http = await startHttpServer();
    const proxy = await proxyTo(http.port);
    const client = httpClient(proxy.port);
    await rtts(client.get, 3); // connection up, code warm
    // Interleaved (plain, delayed, plain, …) and compared by medians, so a machine busy
    // with other tests shifts both sides alike instead of failing the test.
    const plain: number[] = [];
    const delayed: number[] = [];
    for (let i = 0; i < 15; i++) {
      plain.push(...(await rtts(client.get, 1)));
      const toxic = proxy.addToxic({ type: 'latency', stream: 'downstream', latency_ms: 50 });
      delayed.push(...(await rtts(client.get, 1)));
      await toxic.revert();
    }
    const added = median(delayed) - median(plain);
    expect(added).toBeGreaterThanOrEqual(45);
    expect(added).toBeLessThanOrEqual(55);
  });

  it('latency on both streams adds up, and a large payload stays intact and in order', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    proxy.addToxic({ type: 'latency', stream: 'upstream', latency_ms: 30, jitter_ms: 10 });
    proxy.addToxic({ type: 'latency', stream: 'downstream', latency_ms: 30, jitter_ms: 10 });
    const client = await dial(proxy.port);
    const payload = pattern(4 * 1024 * 1024);
    const start = performance.now();
    const back = readBytes(client, payload.length);
    client.write(payload);
    expect(digest(await back)).toBe(digest(payload));
    // Delay is per chunk from its arrival, not summed over chunks.
    expect(performance.now() - start).toBeGreaterThanOrEqual(40);
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('jitter stays within latency ± jitter and actually varies', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    const base = median(await rtts(() => echoRoundTrip(client), 5));
    proxy.addToxic({ type: 'latency', stream: 'upstream', latency_ms: 30, jitter_ms: 15 });
    const samples = (await rtts(() => echoRoundTrip(client), 12)).map((t) => t - base);
    for (const s of samples) {
      expect(s).toBeGreaterThanOrEqual(15 - 1);
      expect(s).toBeLessThanOrEqual(45 + 5);
    }
    expect(Math.max(...samples) - Math.min(...samples)).toBeGreaterThan(5);
  });

  it('drop holds a chunk for the retransmission delay and never loses it', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    proxy.addToxic({ type: 'drop', stream: 'upstream', probability: 1, retransmit_ms: 100 });
    const held = await echoRoundTrip(client, 'lost?');
    expect(held).toBeGreaterThanOrEqual(99);
    expect(held).toBeLessThan(150);
    proxy.removeToxic('drop_upstream');
    proxy.addToxic({ type: 'drop', stream: 'upstream', probability: 0 });
    expect(await echoRoundTrip(client)).toBeLessThan(50);
  });
});
