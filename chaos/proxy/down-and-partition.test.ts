import { describe, expect, it } from 'vitest';
import { partition } from './partition.ts';
import {
  connectOutcome,
  dial,
  echoRoundTrip,
  outcome,
  proxyTo,
  readBytes,
  sleepMs,
  startEchoServer,
} from './proxy.test-kit.ts';

describe('down and partition', () => {
  it('down refuses new connections and closes live ones; enabling again accepts on the same port', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const port = proxy.port;
    const client = await dial(port);
    await echoRoundTrip(client);
    const closed = outcome(client);
    await proxy.setEnabled(false);
    expect(proxy.enabled).toBe(false);
    await closed;
    expect(await connectOutcome(port)).toBe('ECONNREFUSED');
    await proxy.setEnabled(true);
    expect(proxy.port).toBe(port);
    const again = await dial(port);
    expect(await echoRoundTrip(again)).toBeLessThan(50);
  });

  it('a partition freezes live connections without closing them and refuses new ones; revert delivers what was held', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    await echoRoundTrip(client);
    const cut = await partition([proxy]);
    const back = readBytes(client, 4);
    let arrived = false;
    void back.then(() => {
      arrived = true;
    });
    client.write('held');
    expect(await connectOutcome(proxy.port)).toBe('ECONNREFUSED');
    await sleepMs(150);
    expect(arrived).toBe(false);
    expect(client.destroyed).toBe(false);
    await cut.revert();
    expect((await back).toString()).toBe('held');
    expect(await echoRoundTrip(await dial(proxy.port))).toBeLessThan(50);
  });

  it('a partition with existing: close closes live connections', async () => {
    const echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    const client = await dial(proxy.port);
    const closed = outcome(client);
    await using _cut = await proxy.partition({ existing: 'close' });
    await closed;
    expect(proxy.stats().connections.active).toBe(0);
  });
});
