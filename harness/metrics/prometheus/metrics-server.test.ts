import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startMetricsServer } from './metrics-server.ts';

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });

describe('startMetricsServer', () => {
  it('serves GET /metrics on 127.0.0.1, 404 elsewhere, and closes its keep-alive connections', async () => {
    const server = await startMetricsServer({
      port: 0,
      render: async () => 'up 1\n',
      contentType: 'text/plain; version=0.0.4; charset=utf-8',
    });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/metrics`);
    const res = await fetch(server.url, { headers: { connection: 'keep-alive' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('version=0.0.4');
    expect(await res.text()).toBe('up 1\n');
    expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
    await server.close();
    expect(await refused(server.port)).toBe(true);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const first = await startMetricsServer({ port: 0, render: async () => '', contentType: 'text/plain' });
    await expect(
      startMetricsServer({ port: first.port, render: async () => '', contentType: 'text/plain' }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await first.close();
  });
});
