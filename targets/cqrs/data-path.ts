/**
 * The cqrs data path. ROLE=api: commands → the write model (Postgres, with
 * its outbox), events → NATS JetStream, queries ← the read model (a second
 * Postgres), plus `POST /admin/cqrs/audit`. ROLE=projector: events → read
 * model; it serves only /health (and /metrics).
 */
import { apiPath, ensureSchema } from '../service/api-path.ts';
import { Broker } from '../service/broker.ts';
import { requireDatabaseUrl } from '../service/config.ts';
import { defineDataPath } from '../service/data-path.ts';
import { json } from '../service/http.ts';
import { healthRoutes } from '../service/routes/health.ts';
import { AckTracker } from './ack-tracker.ts';
import { auditReadModel, cqrsAdmin } from './cqrs-admin.ts';
import { ProjectorMetrics, readMetrics } from './cqrs-metrics.ts';
import { CqrsStore } from './cqrs-store.ts';
import { eventLayout } from './events.ts';
import { OutboxRelay } from './outbox-relay.ts';
import { startProjector } from './projector.ts';
import { ReadModel, readModelSql } from './read-model.ts';
import { outboxSql, WriteModel } from './write-model.ts';

export const dataPath = defineDataPath({
  roles: ['api', 'projector'],
  settings: (env, config) => ({
    databaseUrl: config.role === 'projector' ? '' : requireDatabaseUrl(env, config),
    readDatabaseUrl: env.postgresUrl('READ_DATABASE_URL'),
    natsUrl: env.natsUrl('NATS_URL'),
    /** A read that misses a write acknowledged longer ago than this is stale, ms. */
    lagBoundMs: env.int('CQRS_LAG_BOUND_MS', 1_000, 1, 600_000),
    /** /admin/verify waits at most this long for every event to be projected, ms. */
    drainTimeoutMs: env.int('QUEUE_DRAIN_TIMEOUT_MS', 30_000, 0, 600_000),
    /** Projector: events projected in one transaction, at most. */
    projectorBatch: env.int('PROJECTOR_BATCH', 256, 1, 10_000),
  }),
  describe: (s, config) =>
    config.role === 'projector'
      ? 'cqrs projector: nats → read model'
      : `cqrs: commands → write model, events → nats, queries ← read model (lag bound ${s.lagBoundMs} ms)`,
  async open(ctx, s) {
    const { config } = ctx;
    const read = ctx.db(s.readDatabaseUrl, 'read-model');
    await ensureSchema([read], (d) => d.query('view-schema', readModelSql, [], { direct: true }));
    const connect = (name: string) =>
      Broker.connect(s.natsUrl, config.dbTimeoutMs, name, eventLayout, ctx.resilience.for('nats'));

    if (config.role === 'projector') {
      const broker = await connect('harness-projector').catch(async (err: unknown) => {
        await read.close();
        throw err;
      });
      broker.registerDepthMetrics(ctx.metrics, eventLayout.consumers[0]!.name);
      const running = await startProjector(broker, new ReadModel(read), new ProjectorMetrics(ctx.metrics), {
        batch: s.projectorBatch,
        concurrency: Math.min(4, config.dbPoolSize),
      });
      const health = {
        ping: async (ms: number) => {
          await Promise.all([read.ping(ms), broker.ping(ms)]);
        },
      };
      return {
        routes: (router) => healthRoutes(router, health, ctx.pingMs),
        async close() {
          await running.stop();
          await broker.close();
          await read.close();
        },
      };
    }

    const write = ctx.db(s.databaseUrl, 'primary');
    await ensureSchema([write], async (d) => {
      await d.ensureSchema();
      await d.query('cqrs-outbox-schema', outboxSql, [], { direct: true });
    });
    const broker = await connect('harness-api').catch(async (err: unknown) => {
      await Promise.all([read.close(), write.close()]);
      throw err;
    });
    broker.registerDepthMetrics(ctx.metrics, eventLayout.consumers[0]!.name);
    const writeModel = new WriteModel(write);
    const relay = new OutboxRelay(writeModel, broker, { sweepMs: 200, retryAfterMs: 1_000, batch: 500 });
    relay.start();
    const store = new CqrsStore({
      write: writeModel,
      read: new ReadModel(read),
      relay,
      broker,
      tracker: new AckTracker(s.lagBoundMs),
      reads: readMetrics(ctx.metrics, () => writeModel.backlog()),
      drainTimeoutMs: s.drainTimeoutMs,
    });
    const path = apiPath(store, cqrsAdmin(write, read), ctx.pingMs);
    return {
      routes(router) {
        path.routes(router);
        router.add('POST', '/admin/cqrs/audit', async () => {
          await store.settle();
          return json(200, { checks: [await auditReadModel(write, read)] });
        });
      },
      close: path.close,
    };
  },
});
