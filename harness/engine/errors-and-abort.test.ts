import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, startTestServer, type TestServer } from '../../test/helpers/test-server.ts';
import { runEngine } from './run-engine.test-kit.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const three = { executor: 'shared-iterations', vus: 1, iterations: 3 };

describe.each(['lean', 'undici'] as const)('error classes (%s client)', (client) => {
  it('refused: nothing listens on the port', async () => {
    const port = await closedPort();
    const { sink } = await runEngine({ baseUrl: `http://127.0.0.1:${port}`, executor: three, client });
    expect(sink.totals()).toMatchObject({ requests: 3, failed: 3, errors: { refused: 3 }, statuses: {} });
  });

  it('timeout: no response within http.timeoutMs', async () => {
    server = await startTestServer({ delayMs: 5000 });
    const { sink, elapsedMs } = await runEngine({
      baseUrl: server.url,
      executor: three,
      timeoutMs: 150,
      client,
    });
    const totals = sink.totals();
    expect(totals).toMatchObject({ requests: 3, failed: 3, errors: { timeout: 3 }, statuses: {} });
    // Timed from dispatch (connect included); duration counts from the send, so it may be a little less.
    expect(totals.duration.max / 1000).toBeLessThan(400);
    expect(elapsedMs).toBeGreaterThanOrEqual(450);
    expect(elapsedMs).toBeLessThan(1500);
  });

  it('http_5xx, http_4xx and unexpected_status by expectStatus', async () => {
    server = await startTestServer({
      status: (_n, req) => Number(req.url?.split('/')[2]),
    });
    const { sink } = await runEngine({
      client,
      baseUrl: server.url,
      executor: { executor: 'shared-iterations', vus: 2, iterations: 40 },
      workload: {
        mix: [
          { name: 's500', path: '/status/500' },
          { name: 's404', path: '/status/404' },
          { name: 'expect404', path: '/status/404', expectStatus: [404] },
          { name: 's201', path: '/status/201', expectStatus: [200] },
          { name: 's302', path: '/status/302' },
        ],
      },
    });
    const by = (name: string) => sink.totals(name);
    expect(by('s500').errors).toEqual({ http_5xx: by('s500').requests });
    expect(by('s404').errors).toEqual({ http_4xx: by('s404').requests });
    expect(by('expect404')).toMatchObject({ failed: 0, errors: {} });
    expect(by('s201').errors).toEqual({ unexpected_status: by('s201').requests });
    expect(by('s302').failed).toBe(0);
    expect(by('s500').statuses).toEqual({ '500': by('s500').requests });
    expect(sink.totals().requests).toBe(40);
  });

  it('reset: the server drops the connection', async () => {
    server = await startTestServer({ reset: (n) => n % 2 === 0 });
    const { sink } = await runEngine({
      client,
      baseUrl: server.url,
      executor: { executor: 'shared-iterations', vus: 1, iterations: 6 },
    });
    expect(sink.totals()).toMatchObject({ requests: 6, failed: 3, errors: { reset: 3 } });
  });
});

describe('abort', () => {
  it('stops promptly, cancels in-flight requests and leaves no connection open', async () => {
    server = await startTestServer({ delayMs: 10_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const { result, sink, elapsedMs } = await runEngine({
      baseUrl: server.url,
      executor: { executor: 'constant-vus', vus: 5, duration: '10s' },
      signal: ac.signal,
    });
    expect(result.aborted).toBe(true);
    expect(elapsedMs).toBeLessThan(600);
    expect(server.requests).toBe(5);
    // Cancelled requests are neither recorded nor counted; the partial interval is still flushed.
    expect(sink.totals().requests).toBe(0);
    expect(sink.samples.length).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.connections).toBe(0);
  });

  it('returns at once when the signal is already aborted', async () => {
    server = await startTestServer();
    const { result, elapsedMs } = await runEngine({
      baseUrl: server.url,
      executor: { executor: 'constant-arrival-rate', rate: 100, duration: '5s' },
      signal: AbortSignal.abort(),
    });
    expect(result.aborted).toBe(true);
    expect(elapsedMs).toBeLessThan(200);
    expect(server.requests).toBe(0);
  });
});

describe('ledger', () => {
  it('records each acknowledged write once per interval batch, not failures', async () => {
    server = await startTestServer({
      status: (n) => (n % 5 === 0 ? 500 : 201),
      body: (n, _req, requestBody) =>
        JSON.stringify({ id: JSON.parse(requestBody).id, version: n, entity: 'items' }),
    });
    const { sink } = await runEngine({
      baseUrl: server.url,
      executor: { executor: 'shared-iterations', vus: 2, iterations: 20 },
      workload: {
        mix: [{ name: 'put', method: 'PUT', path: '/items/{key}', body: { id: '{key}' }, ledger: true }],
      },
    });
    expect(sink.ledger).toHaveLength(16);
    expect(sink.ledgerBatches).toBeLessThanOrEqual(2);
    for (const e of sink.ledger) {
      expect(e.request).toBe('put');
      expect(e.id).toMatch(/^items\/\d+$/);
      expect(e.version % 5).not.toBe(0);
      expect(Math.abs(e.ackedAt - Date.now())).toBeLessThan(10_000);
    }
  });
});
