/**
 * Wires the service: config → metrics → Postgres (→ Redis in cached mode) →
 * routes → HTTP server. `startService` listens and returns a handle whose
 * `close()` stops accepting, drains, closes the pools and resolves.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CachedStore, connectRedis } from './cache.ts';
import type { ServiceConfig } from './config.ts';
import { Db } from './db.ts';
import { createRequestListener, Router } from './http.ts';
import { ServiceMetrics } from './metrics.ts';
import { adminRoutes } from './routes/admin.ts';
import { healthRoutes } from './routes/health.ts';
import { itemRoutes } from './routes/items.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { orderRoutes } from './routes/orders.ts';
import { type ItemStore, PgStore } from './store.ts';

export interface RunningService {
  server: Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, closes pools. */
  close(graceMs?: number): Promise<void>;
}

export async function startService(config: ServiceConfig): Promise<RunningService> {
  const metrics = new ServiceMetrics();
  const db = new Db(config.databaseUrl, config.dbPoolSize, config.dbTimeoutMs, metrics);
  const pg = new PgStore(db);
  const store: ItemStore =
    config.redisUrl === undefined
      ? pg
      : new CachedStore(
          pg,
          await connectRedis(config.redisUrl, config.dbTimeoutMs),
          {
            url: config.redisUrl,
            mode: config.cacheMode,
            ttlS: config.cacheTtlS,
            timeoutMs: config.dbTimeoutMs,
            flushMs: config.writeBehindFlushMs,
          },
          metrics,
        );
  // Create the tables early so reads before a seed get 404, not 503; /health reports a down database.
  await db
    .ensureSchema()
    .catch((err: Error) => console.error(`[service] schema not created yet: ${err.message}`));

  const router = new Router();
  healthRoutes(router, store, Math.min(config.dbTimeoutMs, 1_000));
  itemRoutes(router, store);
  orderRoutes(router, store);
  adminRoutes(router, db, store);
  metricsRoutes(router, metrics);

  const server = createServer(
    { keepAliveTimeout: 65_000 },
    createRequestListener(router, (route, method, status, s) =>
      metrics.observeHttp(route, method, status, s),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let closing: Promise<void> | undefined;
  const close = (graceMs = 1_000): Promise<void> => {
    closing ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await drained;
      clearTimeout(timer);
      await store.close();
    })();
    return closing;
  };
  return { server, port: (server.address() as AddressInfo).port, close };
}
