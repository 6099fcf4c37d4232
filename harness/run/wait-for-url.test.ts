import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../model/index.ts';
import { startTestServer } from '../../test/helpers/test-server.ts';
import { waitForUrl } from './wait-for-url.ts';

const never = new AbortController().signal;

describe('waitForUrl', () => {
  it('waits through 404s (listening, not yet seeded) until the request answers 2xx', async () => {
    await using server = await startTestServer({ status: (n) => (n <= 3 ? 404 : 200) });
    const lines: string[] = [];
    await waitForUrl({ url: `${server.url}/items/1`, method: 'GET', headers: {} }, 10_000, never, (l) =>
      lines.push(l),
    );
    expect(server.requests).toBe(4);
    expect(lines[0]).toMatch(/waiting for .*\/items\/1 to answer 2xx \(up to 10 s\): HTTP 404/);
    expect(lines[1]).toMatch(/answers 200 after/);
  });

  it('sends the request the load will send: method, headers, JSON body', async () => {
    await using server = await startTestServer({ status: (_n, req) => (req.method === 'PUT' ? 200 : 405) });
    await waitForUrl(
      { url: `${server.url}/items/7`, method: 'PUT', headers: { 'x-k': 'v' }, body: { value: 'x' } },
      5000,
      never,
    );
    expect(server.requests).toBe(1);
  });

  it('gives up after the timeout as a target that did not start (exit 5)', async () => {
    // A port nothing listens on: bind one, note it, close it.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const err = await waitForUrl(
      { url: `http://127.0.0.1:${port}/`, method: 'GET', headers: {} },
      600,
      never,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).exitCode).toBe(5);
    expect((err as HarnessError).message).toMatch(
      /did not answer 2xx or 3xx within 1 s \(last: ECONNREFUSED\)/,
    );
  });
});
