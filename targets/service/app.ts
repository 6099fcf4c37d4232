/**
 * Wires the service: config → metrics → data path (data-path.ts: Postgres,
 * and Redis, replicas, shards or NATS by mode) → routes → HTTP server.
 * `startService` listens and returns a handle whose `close()` stops
 * accepting, drains, closes the data path and resolves. A queue worker
 * (ROLE=worker) runs the same way, serving only /health and /metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceConfig } from './config.ts';
import { openDataPath } from './data-path.ts';
import { createRequestListener, Router } from './http.ts';
import { ServiceMetrics } from './metrics.ts';
import { metricsRoutes } from './routes/metrics.ts';

export interface RunningService {
  server: Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, closes pools. */
  close(graceMs?: number): Promise<void>;
}

export async function startService(config: ServiceConfig): Promise<RunningService> {
  const metrics = new ServiceMetrics();
  const path = await openDataPath(config, metrics);

  const router = new Router();
  path.routes(router);
  metricsRoutes(router, metrics);

  const server = createServer(
    { keepAliveTimeout: 65_000 },
    createRequestListener(router, (route, method, status, s) =>
      metrics.observeHttp(route, method, status, s),
    ),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await path.close().catch(() => {});
    throw err;
  }

  let closing: Promise<void> | undefined;
  const close = (graceMs = 1_000): Promise<void> => {
    closing ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await drained;
      clearTimeout(timer);
      await path.close();
    })();
    return closing;
  };
  return { server, port: (server.address() as AddressInfo).port, close };
}
