/**
 * The NATS side of the queued path, for the API and the workers alike: the
 * broker (service/broker.ts) on the `harness-writes` layout (stream.ts),
 * publishing writes with the broker's ack, the queue depth and its gauges
 * (queue_pending_messages, queue_stream_messages, queue_lag_seconds), and
 * waiting for the queue to drain.
 */
import type { PubAck } from 'nats';
import { Broker, type QueueDepth } from '../service/broker.ts';
import type { ServiceMetrics } from '../service/metrics.ts';
import type { DependencyPolicy } from '../service/resilience/policy.ts';
import { consumerName, encodeWrite, queueLayout, subjects, type WriteMessage } from './stream.ts';

export type { QueueDepth };

export class WriteQueue {
  readonly broker: Broker;

  private constructor(broker: Broker) {
    this.broker = broker;
  }

  /** `policy`: timeouts, retries, breaker and bulkhead for publishes (resilience/policy.ts). */
  static async connect(
    url: string,
    timeoutMs: number,
    name: string,
    policy?: DependencyPolicy,
  ): Promise<WriteQueue> {
    return new WriteQueue(await Broker.connect(url, timeoutMs, name, queueLayout, policy));
  }

  /**
   * Publishes durably: resolves with the broker's ack (the message is in the file-backed stream).
   * With a `msgID` the broker de-duplicates, so the policy may retry it; without, never.
   */
  publish(write: WriteMessage, msgID?: string): Promise<PubAck> {
    return this.broker.publish(subjects[write.entity], encodeWrite(write), msgID);
  }

  depth(): Promise<QueueDepth> {
    return this.broker.depth(consumerName);
  }

  /** Waits until the consumer has nothing pending or unacked; false if `timeoutMs` passed first. */
  drained(timeoutMs: number): Promise<boolean> {
    return this.broker.drained(consumerName, timeoutMs);
  }

  ping(timeoutMs: number): Promise<void> {
    return this.broker.ping(timeoutMs);
  }

  /** Registers the queue-depth gauges, read from the broker on every scrape. */
  registerMetrics(metrics: ServiceMetrics): void {
    this.broker.registerDepthMetrics(metrics, consumerName);
  }

  close(): Promise<void> {
    return this.broker.close();
  }
}
