/**
 * The queued data path. ROLE=api publishes writes to JetStream and answers 202
 * at the broker's ack (queued-store.ts), plus the write-status routes;
 * ROLE=worker persists them (worker.ts) and serves only /health.
 */
import { singleDbAdmin } from '../service/admin-target.ts';
import { apiPath, ensureSchema } from '../service/api-path.ts';
import { requireDatabaseUrl } from '../service/config.ts';
import { defineDataPath } from '../service/data-path.ts';
import { healthRoutes } from '../service/routes/health.ts';
import { PgStore } from '../service/store.ts';
import { QueuedStore } from './queued-store.ts';
import { startWorker } from './worker.ts';
import { WriteQueue } from './write-queue.ts';
import { writeStatusRoutes } from './write-status.ts';

export const dataPath = defineDataPath({
  roles: ['api', 'worker'],
  settings: (env, config) => ({
    databaseUrl: requireDatabaseUrl(env, config),
    natsUrl: env.natsUrl('NATS_URL'),
    /** /admin/verify waits at most this long for the queue to drain, ms. */
    drainTimeoutMs: env.int('QUEUE_DRAIN_TIMEOUT_MS', 30_000, 0, 600_000),
    /** Worker: messages persisted in one transaction, at most. */
    workerBatch: env.int('WORKER_BATCH', 256, 1, 10_000),
  }),
  describe: (_s, config) =>
    config.role === 'worker' ? 'queue worker: nats → postgres' : 'queued: writes → nats, reads ← postgres',
  async open(ctx, s) {
    const { config } = ctx;
    const primary = ctx.db(s.databaseUrl);
    await ensureSchema([primary]);
    const worker = config.role === 'worker';
    const queue = await WriteQueue.connect(
      s.natsUrl,
      config.dbTimeoutMs,
      worker ? 'harness-worker' : 'harness-api',
      ctx.resilience.for('nats'),
    ).catch(async (err: unknown) => {
      await primary.close();
      throw err;
    });
    queue.registerMetrics(ctx.metrics);
    if (worker) {
      const running = await startWorker(primary, queue, ctx.metrics, {
        batch: s.workerBatch,
        concurrency: Math.min(4, config.dbPoolSize),
      });
      const health = {
        ping: async (ms: number) => {
          await Promise.all([primary.ping(ms), queue.ping(ms)]);
        },
      };
      return {
        routes: (router) => healthRoutes(router, health, ctx.pingMs),
        async close() {
          await running.stop();
          await queue.close();
          await primary.close();
        },
      };
    }
    const store = new QueuedStore(new PgStore(primary), queue, s.drainTimeoutMs);
    const path = apiPath(store, singleDbAdmin(primary), ctx.pingMs, { accepted: true });
    return {
      routes(router) {
        writeStatusRoutes(router, store);
        path.routes(router);
      },
      close: path.close,
    };
  },
});
