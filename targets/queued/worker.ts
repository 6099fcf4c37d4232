/**
 * A queue worker (ROLE=worker): pulls writes from the durable consumer,
 * persists them in micro-batches (whatever has arrived, up to WORKER_BATCH,
 * one transaction each, a few in flight), acks after the commit, and records
 * queue_end_to_end_seconds (accepted by the API → committed). A failed batch
 * is nak'ed with a delay and comes back; persistence is idempotent.
 * The worker still serves GET /health (Postgres and NATS) and /metrics on PORT.
 */
import type { ConsumerMessages, JsMsg } from 'nats';
import { Counter, Histogram } from 'prom-client';
import { consumeInBatches, type RunningConsumer } from '../service/batch-consumer.ts';
import type { Db } from '../service/db.ts';
import type { ServiceMetrics } from '../service/metrics.ts';
import { type ItemWrite, type OrderWrite, persistWrites } from './persist-writes.ts';
import { consumerName, decodeWrite, versionOfSeq, type WriteMessage } from './stream.ts';
import type { WriteQueue } from './write-queue.ts';

const retryDelayMs = 1_000;
const e2eBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export async function startWorker(
  db: Db,
  queue: WriteQueue,
  metrics: ServiceMetrics,
  opts: { batch: number; concurrency: number },
): Promise<RunningConsumer> {
  const e2e = new Histogram({
    name: 'queue_end_to_end_seconds',
    help: 'From the API accepting a write (202) to a worker committing it',
    labelNames: ['entity'] as const,
    buckets: e2eBuckets,
    registers: [metrics.registry],
  });
  const persisted = new Counter({
    name: 'queue_persisted_total',
    help: 'Writes persisted by this worker (redeliveries included)',
    labelNames: ['entity'] as const,
    registers: [metrics.registry],
  });
  const failed = new Counter({
    name: 'queue_persist_failures_total',
    help: 'Batches that failed to persist and were nak-ed for redelivery',
    registers: [metrics.registry],
  });
  const batchSize = new Histogram({
    name: 'queue_batch_messages',
    help: 'Messages per persisted batch',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
    registers: [metrics.registry],
  });
  const poison = new Counter({
    name: 'queue_poison_messages_total',
    help: 'Messages that were not writes and were terminated',
    registers: [metrics.registry],
  });

  const persist = async (batch: JsMsg[]): Promise<void> => {
    const items: ItemWrite[] = [];
    const orders: OrderWrite[] = [];
    const good: { m: JsMsg; w: WriteMessage }[] = [];
    for (const m of batch) {
      const w = decodeWrite(m.data);
      if (w === undefined) {
        m.term();
        poison.inc();
        continue;
      }
      good.push({ m, w });
      if (w.entity === 'items') items.push({ id: w.id, value: w.value, version: versionOfSeq(m.seq) });
      else orders.push(w);
    }
    batchSize.observe(good.length);
    try {
      await persistWrites(db, items, orders);
    } catch (err) {
      failed.inc();
      console.error(`[worker] batch of ${good.length} not persisted, retrying: ${(err as Error).message}`);
      for (const { m } of good) m.nak(retryDelayMs);
      return;
    }
    const now = Date.now();
    for (const { m, w } of good) {
      m.ack();
      persisted.inc({ entity: w.entity });
      e2e.observe({ entity: w.entity }, Math.max(0, now - w.acceptedAt) / 1000);
    }
  };

  const messages: ConsumerMessages = await queue.broker.consume(consumerName, opts.batch * 2);
  return consumeInBatches(messages, persist, opts);
}
