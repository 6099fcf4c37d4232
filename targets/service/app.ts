/**
 * Wires the service: config → metrics → the data path DATA_PATH names (its
 * folder's data-path.ts: Postgres, and Redis, replicas, shards, NATS… by
 * architecture) → routes → HTTP server. `startService` listens and returns a
 * handle whose `close()` stops accepting, drains, closes the data path and
 * resolves. Every role (an API, a queue worker, a projector, a saga
 * participant) runs the same way; non-API roles serve only what their data
 * path registers (at least /health) plus /metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceConfig } from './config.ts';
import type { DataPathModule } from './data-path.ts';
import { Db, isPgFailure } from './db.ts';
import { createRequestListener, Router } from './http.ts';
import { ServiceMetrics } from './metrics.ts';
import { Resilience } from './resilience/policy.ts';
import { metricsRoutes } from './routes/metrics.ts';

export interface RunningService {
  server: Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, closes pools. */
  close(graceMs?: number): Promise<void>;
}

export async function startService(
  config: ServiceConfig,
  module: DataPathModule,
  settings: unknown,
): Promise<RunningService> {
  const metrics = new ServiceMetrics();
  const resilience = new Resilience(config.resilience, metrics.registry);
  const path = await module.open(
    {
      config,
      metrics,
      resilience,
      db: (url, name = 'primary') =>
        new Db(
          url,
          config.dbPoolSize,
          config.dbTimeoutMs,
          metrics,
          name,
          resilience.for(name, { isFailure: isPgFailure }),
        ),
      pingMs: Math.min(config.dbTimeoutMs, 1_000),
    },
    settings,
  );

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
