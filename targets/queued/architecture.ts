import { defineArchitecture } from '../plug/architecture.ts';
import { int } from '../plug/params.ts';
import { resilienceParams } from '../plug/resilience-params.ts';
import { serviceComponent } from '../plug/service-component.ts';

/**
 * The API publishes writes to NATS JetStream and answers 202 once the broker
 * has them; W workers persist them to Postgres. Reads come from Postgres (no
 * read-your-writes); /admin/verify first waits for the queue to drain.
 */
export const queued = defineArchitecture({
  name: 'queued',
  description: 'service → NATS JetStream (202 on broker ack) → W workers → Postgres',
  params: {
    workers: int(2, 1, 64, 'worker processes consuming the write stream'),
    poolSize: int(10, 1, 1_000, 'Postgres connections per process (DB_POOL_SIZE)'),
    workerBatch: int(256, 1, 10_000, 'writes a worker persists in one transaction, at most (WORKER_BATCH)'),
    drainTimeoutMs: int(
      30_000,
      0,
      600_000,
      '/admin/verify waits at most this long for the queue to drain (QUEUE_DRAIN_TIMEOUT_MS)',
    ),
    ...resilienceParams,
  },
  topology: (p) => ({
    name: 'queued',
    description: `service → nats → ${p.workers} × worker (batch ${p.workerBatch}) → postgres`,
    entry: 'app',
    components: [
      { name: 'postgres', kind: 'postgres' },
      { name: 'nats', kind: 'nats' },
      serviceComponent({
        dataPath: 'queued',
        resilience: p,
        uses: ['postgres', 'nats'],
        env: {
          DB_POOL_SIZE: String(p.poolSize),
          NATS_URL: '{{nats.url}}',
          QUEUE_DRAIN_TIMEOUT_MS: String(p.drainTimeoutMs),
        },
      }),
      serviceComponent({
        dataPath: 'queued',
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
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
});
