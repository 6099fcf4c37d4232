import { defineArchitecture } from '../plug/architecture.ts';
import { int } from '../plug/params.ts';
import { resilienceParams } from '../plug/resilience-params.ts';
import { serviceComponent } from '../plug/service-component.ts';
import { type IntegrityCheck, postAdmin } from '../plug/verify.ts';

/**
 * Command/query separation: commands go to a write model in Postgres, which
 * stores each write with its domain event (a transactional outbox); events go
 * through NATS JetStream to P projectors that keep a denormalised read model
 * in a second Postgres; queries read only that. The trade-off in figures:
 * projection lag (p50/p99, event → read model) and reads that miss an
 * acknowledged write (behind the lag bound, or stale beyond it). After the
 * load, harness checks that the read model converged to the write model.
 */
export const cqrs = defineArchitecture({
  name: 'cqrs',
  description:
    'commands → write model (Postgres + outbox) → NATS events → P projectors → read model (Postgres) ← queries',
  params: {
    projectors: int(1, 1, 64, 'projector processes keeping the read model'),
    lagBoundMs: int(
      1_000,
      1,
      600_000,
      'a read missing a write acknowledged longer ago than this counts as stale (CQRS_LAG_BOUND_MS)',
    ),
    poolSize: int(10, 1, 1_000, 'Postgres connections per pool, per process (DB_POOL_SIZE)'),
    projectorBatch: int(
      256,
      1,
      10_000,
      'events a projector applies in one transaction, at most (PROJECTOR_BATCH)',
    ),
    drainTimeoutMs: int(
      30_000,
      0,
      600_000,
      '/admin/verify waits at most this long for every event to be projected (QUEUE_DRAIN_TIMEOUT_MS)',
    ),
    ...resilienceParams,
  },
  topology: (p) => ({
    name: 'cqrs',
    description: `service → postgres (write) + nats → ${p.projectors} × projector → readdb (read), lag bound ${p.lagBoundMs} ms`,
    entry: 'app',
    components: [
      { name: 'postgres', kind: 'postgres' },
      { name: 'readdb', kind: 'postgres' },
      { name: 'nats', kind: 'nats' },
      serviceComponent({
        dataPath: 'cqrs',
        resilience: p,
        uses: ['postgres', 'readdb', 'nats'],
        env: {
          DB_POOL_SIZE: String(p.poolSize),
          READ_DATABASE_URL: '{{readdb.url}}',
          NATS_URL: '{{nats.url}}',
          CQRS_LAG_BOUND_MS: String(p.lagBoundMs),
          QUEUE_DRAIN_TIMEOUT_MS: String(p.drainTimeoutMs),
        },
      }),
      serviceComponent({
        dataPath: 'cqrs',
        resilience: p,
        name: 'projector',
        kind: 'worker',
        replicas: p.projectors,
        uses: ['readdb', 'nats'],
        databaseUrl: false,
        env: {
          ROLE: 'projector',
          DB_POOL_SIZE: String(p.poolSize),
          READ_DATABASE_URL: '{{readdb.url}}',
          NATS_URL: '{{nats.url}}',
          PROJECTOR_BATCH: String(p.projectorBatch),
        },
      }),
    ],
  }),
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
  verify: async (ctx) =>
    (await postAdmin<{ checks: IntegrityCheck[] }>(`${ctx.entryUrl}/admin/cqrs/audit`, {}, ctx.signal))
      .checks,
});
