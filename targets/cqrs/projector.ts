/**
 * A projector (ROLE=projector): pulls domain events from the shared durable
 * consumer, projects whatever has arrived (up to `batch`) into the read model
 * in one transaction, acks after the commit, and records the projection lag
 * of every event in the batch. A failed batch is nak-ed with a delay and comes
 * back; projecting is idempotent (read-model.ts).
 */
import type { JsMsg } from 'nats';
import { consumeInBatches, type RunningConsumer } from '../service/batch-consumer.ts';
import type { Broker } from '../service/broker.ts';
import type { ProjectorMetrics } from './cqrs-metrics.ts';
import { type DomainEvent, decodeEvent, projectorsConsumer } from './events.ts';
import type { ReadModel } from './read-model.ts';

const retryDelayMs = 1_000;

export async function startProjector(
  broker: Broker,
  view: ReadModel,
  metrics: ProjectorMetrics,
  opts: { batch: number; concurrency: number },
): Promise<RunningConsumer> {
  const project = async (batch: JsMsg[]): Promise<void> => {
    const good: { m: JsMsg; e: DomainEvent }[] = [];
    for (const m of batch) {
      const e = decodeEvent(m.data);
      if (e === undefined) {
        m.term();
        metrics.poison.inc();
      } else good.push({ m, e });
    }
    try {
      await view.apply(good.map((g) => g.e));
    } catch (err) {
      metrics.failures.inc();
      console.error(`[projector] batch of ${good.length} not projected, retrying: ${(err as Error).message}`);
      for (const { m } of good) m.nak(retryDelayMs);
      return;
    }
    const now = Date.now();
    for (const { m, e } of good) {
      m.ack();
      metrics.projected.inc({ entity: e.entity });
      metrics.lag.observe(Math.max(0, now - e.at) / 1000);
    }
  };

  const messages = await broker.consume(projectorsConsumer, opts.batch * 2);
  return consumeInBatches(messages, project, opts);
}
