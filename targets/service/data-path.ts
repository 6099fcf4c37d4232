/**
 * One data path per process, chosen by the config (config.ts): which stores
 * back the routes, what /admin seeds and verifies against, and what has to be
 * closed on shutdown. Every API path serves the same routes (/health, items,
 * orders, /admin/*); the queued API adds write status routes, a queue worker
 * serves only /health (and /metrics, which app.ts adds for all).
 */
import { type AdminTarget, singleDbAdmin } from './admin-target.ts';
import { CachedStore, connectRedis } from './cache.ts';
import type { ServiceConfig } from './config.ts';
import { Db, isPgFailure } from './db.ts';
import type { Router } from './http.ts';
import type { ServiceMetrics } from './metrics.ts';
import { QueuedStore } from './queued/queued-store.ts';
import { startWorker } from './queued/worker.ts';
import { WriteQueue } from './queued/write-queue.ts';
import { ReplicatedStore } from './replicated/replicated-store.ts';
import { monitorReplication } from './replicated/replication-lag.ts';
import { Resilience } from './resilience/policy.ts';
import { adminRoutes } from './routes/admin.ts';
import { healthRoutes } from './routes/health.ts';
import { itemRoutes } from './routes/items.ts';
import { orderRoutes } from './routes/orders.ts';
import { writeStatusRoutes } from './routes/write-status.ts';
import { createShardRouter } from './sharded/shard-router.ts';
import { shardedAdmin } from './sharded/sharded-admin.ts';
import { ShardedStore } from './sharded/sharded-store.ts';
import { type ItemStore, PgStore } from './store.ts';

export interface DataPath {
  /** Registers the routes this process serves (all but /metrics). */
  routes(router: Router): void;
  close(): Promise<void>;
}

/** A seed on a replicated primary returns once the replicas have replayed it (or after this long). */
const replicaSeedWaitMs = 60_000;

export async function openDataPath(config: ServiceConfig, metrics: ServiceMetrics): Promise<DataPath> {
  // One policy per dependency, named like its pool: primary, replica-N, shard-N; redis; nats.
  const resilience = new Resilience(config.resilience, metrics.registry);
  const db = (url: string, name = 'primary') =>
    new Db(
      url,
      config.dbPoolSize,
      config.dbTimeoutMs,
      metrics,
      name,
      resilience.for(name, { isFailure: isPgFailure }),
    );
  const pingMs = Math.min(config.dbTimeoutMs, 1_000);

  if (config.shardUrls.length > 0) {
    const shards = config.shardUrls.map((url, i) => db(url, `shard-${i}`));
    await ensureSchema(shards);
    const router = createShardRouter(config.sharding, shards.length, config.shardVnodes);
    return apiPath(new ShardedStore(shards, router, metrics), shardedAdmin(shards, router), pingMs);
  }

  const primary = db(config.databaseUrl);
  await ensureSchema([primary]);

  if (config.natsUrl !== undefined) {
    const worker = config.role === 'worker';
    const queue = await WriteQueue.connect(
      config.natsUrl,
      config.dbTimeoutMs,
      worker ? 'harness-worker' : 'harness-api',
      resilience.for('nats'),
    ).catch(async (err: unknown) => {
      await primary.close();
      throw err;
    });
    queue.registerMetrics(metrics);
    if (worker) {
      const running = await startWorker(primary, queue, metrics, {
        batch: config.workerBatch,
        concurrency: Math.min(4, config.dbPoolSize),
      });
      const health = {
        ping: async (ms: number) => {
          await Promise.all([primary.ping(ms), queue.ping(ms)]);
        },
      };
      return {
        routes: (router) => healthRoutes(router, health, pingMs),
        async close() {
          await running.stop();
          await queue.close();
          await primary.close();
        },
      };
    }
    const store = new QueuedStore(new PgStore(primary), queue, config.queueDrainTimeoutMs);
    const path = apiPath(store, singleDbAdmin(primary), pingMs, { accepted: true });
    return {
      routes(router) {
        writeStatusRoutes(router, store);
        path.routes(router);
      },
      close: path.close,
    };
  }

  if (config.replicaUrls.length > 0) {
    const replicas = config.replicaUrls.map((url, i) => db(url, `replica-${i}`));
    const monitor = monitorReplication(primary, replicas, metrics, config.replicationSampleMs);
    const store = new ReplicatedStore(
      new PgStore(primary),
      replicas.map((r) => new PgStore(r)),
      metrics,
    );
    const admin = singleDbAdmin(primary);
    const replicatedAdmin: AdminTarget = {
      ...admin,
      async seed(items, valueSize) {
        await admin.seed(items, valueSize);
        if (!(await monitor.caughtUp(replicaSeedWaitMs)))
          console.error(`[service] replicas still behind ${replicaSeedWaitMs} ms after the seed`);
      },
    };
    const path = apiPath(store, replicatedAdmin, pingMs);
    return {
      routes: path.routes,
      async close() {
        monitor.stop();
        await path.close();
      },
    };
  }

  const pg = new PgStore(primary);
  const store =
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
          resilience.for('redis'),
        );
  return apiPath(store, singleDbAdmin(primary), pingMs);
}

function apiPath(
  store: ItemStore,
  admin: AdminTarget,
  pingMs: number,
  writes: { accepted?: boolean } = {},
): DataPath {
  return {
    routes(router) {
      healthRoutes(router, store, pingMs);
      itemRoutes(router, store, writes);
      orderRoutes(router, store, writes);
      adminRoutes(router, admin, store);
    },
    close: () => store.close(),
  };
}

/** Creates the tables early so reads before a seed get 404, not 503; /health reports a database that is down. */
async function ensureSchema(dbs: Db[]): Promise<void> {
  await Promise.all(
    dbs.map((d) =>
      d
        .ensureSchema()
        .catch((err: Error) => console.error(`[service] ${d.name}: schema not created yet: ${err.message}`)),
    ),
  );
}
