import { describe, expect, it } from 'vitest';
import { dial, echoRoundTrip, proxyTo, readBytes, sleepMs, startEchoServer } from './proxy.test-kit.ts';
import { InvalidToxicError } from './toxics/index.ts';

describe('adding and removing toxics', () => {
  it('toxicity 0 never applies', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    proxy.addToxic({ type: 'latency', stream: 'upstream', latency_ms: 200, toxicity: 0 });
    for (let i = 0; i < 5; i++) {
      const client = await dial(proxy.port);
      // Well under the toxic's 200 ms, with room for a busy machine.
      expect(await echoRoundTrip(client)).toBeLessThan(150);
    }
  });

  it('toxicity is rolled once per connection', async () => {
    const echo = await startEchoServer();
    const rolls = [0.2, 0.8]; // first connection < 0.5 (applies), second ≥ 0.5 (does not)
    const proxy = await proxyTo(echo.port, { random: () => rolls.shift() ?? 0.99 });
    proxy.addToxic({ type: 'latency', stream: 'upstream', latency_ms: 100, toxicity: 0.5 });
    const slow = await dial(proxy.port);
    // The proxy rolls when it accepts: let it take the first before the second is dialled.
    while (proxy.stats().connections.accepted < 1) await sleepMs(2);
    const fast = await dial(proxy.port);
    while (proxy.stats().connections.accepted < 2) await sleepMs(2);
    expect(await echoRoundTrip(slow)).toBeGreaterThanOrEqual(99);
    expect(await echoRoundTrip(slow)).toBeGreaterThanOrEqual(99);
    // Well under the toxic's 100 ms, with room for a busy machine.
    expect(await echoRoundTrip(fast)).toBeLessThan(80);
  });

  it('applies to a live connection when added, and removing it restores normal behaviour', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    // Before and after: well under the toxic's 100 ms, with room for a busy machine.
    expect(await echoRoundTrip(client)).toBeLessThan(80);
    const handle = proxy.addToxic({ type: 'latency', stream: 'downstream', latency_ms: 100 });
    expect(await echoRoundTrip(client)).toBeGreaterThanOrEqual(99);
    await handle.revert();
    await handle.revert(); // idempotent
    expect(proxy.toxics()).toEqual([]);
    expect(await echoRoundTrip(client)).toBeLessThan(80);
  });

  it('releases the chunks a removed toxic was holding at once', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    proxy.addToxic({ type: 'latency', name: 'slow', stream: 'upstream', latency_ms: 5000 });
    const start = performance.now();
    const back = readBytes(client, 4);
    client.write('held');
    await sleepMs(50);
    expect(proxy.removeToxic('slow')).toBe(true);
    await back;
    expect(performance.now() - start).toBeLessThan(150);
  });

  it('names toxics like Toxiproxy and rejects bad ones with every problem listed', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const handle = proxy.addToxic({ type: 'bandwidth', rate_kbps: 10 });
    expect(handle.toxic).toEqual({
      type: 'bandwidth',
      rate_kbps: 10,
      name: 'bandwidth_downstream',
      stream: 'downstream',
      toxicity: 1,
    });
    expect(() => proxy.addToxic({ type: 'bandwidth', rate_kbps: 10 })).toThrow(/already exists/);
    try {
      proxy.addToxic({ type: 'slicer', average_size: 0, delay_us: -1, toxicity: 2 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidToxicError);
      expect((err as InvalidToxicError).problems).toHaveLength(3);
    }
    // A handle only removes its own toxic, not a later one that reuses the name.
    proxy.removeToxic('bandwidth_downstream');
    proxy.addToxic({ type: 'bandwidth', rate_kbps: 20 });
    await handle.revert();
    expect(proxy.toxics().map((t) => t.name)).toEqual(['bandwidth_downstream']);
  });
});
