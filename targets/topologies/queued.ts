import { defineTopology } from '../../model/index.ts';
import { resilienceDefaults, resilienceHelp } from './resilience-params.ts';
import { serviceComponent } from './service-component.ts';

/**
 * The API publishes writes to NATS JetStream and answers 202 once the broker
 * has them; W workers persist them to Postgres. Reads come from Postgres (no
 * read-your-writes); /admin/verify first waits for the queue to drain.
 */
export const queued = defineTopology({
  name: 'queued',
  description: 'service → NATS JetStream (202 on broker ack) → W workers → Postgres',
  defaults: { workers: 2, poolSize: 10, workerBatch: 256, drainTimeoutMs: 30_000, ...resilienceDefaults },
  paramHelp: {
    workers: 'worker processes consuming the write stream',
    poolSize: 'Postgres connections per process (DB_POOL_SIZE)',
    workerBatch: 'writes a worker persists in one transaction, at most (WORKER_BATCH)',
    drainTimeoutMs: '/admin/verify waits at most this long for the queue to drain (QUEUE_DRAIN_TIMEOUT_MS)',
    ...resilienceHelp,
  },
  build: (p) => ({
    name: 'queued',
    description: `service → nats → ${p.workers} × worker (batch ${p.workerBatch}) → postgres`,
    entry: 'app',
    components: [
      { name: 'postgres', kind: 'postgres' },
      { name: 'nats', kind: 'nats' },
      serviceComponent({
        resilience: p,
        uses: ['postgres', 'nats'],
        env: {
          DB_POOL_SIZE: String(p.poolSize),
          NATS_URL: '{{nats.url}}',
          QUEUE_DRAIN_TIMEOUT_MS: String(p.drainTimeoutMs),
        },
      }),
      serviceComponent({
        resilience: p,
        name: 'worker',
        kind: 'worker',
        replicas: p.workers,
        uses: ['postgres', 'nats'],
        env: {
          ROLE: 'worker',
          DB_POOL_SIZE: String(p.poolSize),
          NATS_URL: '{{nats.url}}',
          WORKER_BATCH: String(p.workerBatch),
        },
      }),
    ],
  }),
});
