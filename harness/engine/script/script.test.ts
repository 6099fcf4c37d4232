import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/test-server.ts';
import { runEngine } from '../run-engine.test-kit.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const file = fileURLToPath(new URL('./two-step.fixture.ts', import.meta.url));

/** A tiny item store: PUT stores the JSON body's value and acknowledges `{ id, version }`. */
async function itemServer(): Promise<TestServer> {
  const items = new Map<string, { value: string; version: number }>();
  return startTestServer({
    body: (_n, req, body) => {
      const id = req.url!.split('/')[2]!;
      if (req.method === 'PUT') {
        const version = (items.get(id)?.version ?? 0) + 1;
        items.set(id, { value: JSON.parse(body).value, version });
        return JSON.stringify({ id, version });
      }
      return JSON.stringify({ id, ...items.get(id) });
    },
  });
}

describe('scripted iterations', () => {
  it('runs a two-step flow per iteration, records each request by name and counts checks', async () => {
    server = await itemServer();
    const { sink, result } = await runEngine({
      baseUrl: server.url,
      executor: { executor: 'shared-iterations', vus: 3, iterations: 30 },
      script: { file },
    });
    expect(result.generatorNotes).toEqual([]);
    expect(sink.totals().iterations).toBe(30);
    expect(sink.totals('put-item')).toMatchObject({ requests: 30, failed: 0, statuses: { '200': 30 } });
    expect(sink.totals('get-item')).toMatchObject({ requests: 30, failed: 0 });
    expect(server.requests).toBe(60);
    const checks = sink.samples.reduce(
      (c, s) => ({ passes: c.passes + (s.checks?.passes ?? 0), fails: c.fails + (s.checks?.fails ?? 0) }),
      { passes: 0, fails: 0 },
    );
    // 'get sees the write' passing every time: each iteration's GET went out after its PUT was answered.
    expect(checks).toEqual({ passes: 90, fails: 0 });
    expect(sink.ledger).toHaveLength(30);
    expect(sink.ledger[0]).toMatchObject({ request: 'put-item', id: expect.stringMatching(/^items\/\d+$/) });
  });

  it('counts failed checks and iterations that threw, and says so', async () => {
    server = await startTestServer({ status: 500 });
    const { sink, result } = await runEngine({
      baseUrl: server.url,
      executor: { executor: 'shared-iterations', vus: 2, iterations: 6 },
      script: { file, export: 'broken' },
    });
    expect(sink.totals().iterations).toBe(6);
    expect(sink.samples.reduce((n, s) => n + (s.failedIterations ?? 0), 0)).toBe(6);
    expect(sink.totals('get-item')).toMatchObject({ requests: 6, failed: 6, errors: { http_5xx: 6 } });
    expect(result.generatorNotes.join('\n')).toMatch(/script threw.*boom/);
  });

  it('rejects a script without the export, before anything runs', async () => {
    server = await itemServer();
    await expect(
      runEngine({
        baseUrl: server.url,
        executor: { executor: 'shared-iterations', vus: 1, iterations: 1 },
        script: { file, export: 'missing' },
      }),
    ).rejects.toThrow(/export a function `missing`/);
    expect(server.requests).toBe(0);
  });
});
