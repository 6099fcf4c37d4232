/**
 * The NATS side of the queued path, for the API and the workers alike:
 * connection (reconnecting forever), stream set-up, publishing with the
 * broker's ack, queue depth, and waiting for the queue to drain. Registers
 * the queue gauges in the process's /metrics:
 * - queue_pending_messages{state="undelivered"|"unacked"} (consumer num_pending / num_ack_pending)
 * - queue_stream_messages: writes accepted and not yet persisted
 * - queue_lag_seconds: age of the oldest of those (0 when the queue is empty)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection, type PubAck } from 'nats';
import { Gauge } from 'prom-client';
import { DependencyError, withTimeout } from '../service/errors.ts';
import type { ServiceMetrics } from '../service/metrics.ts';
import type { DependencyPolicy } from '../service/resilience/policy.ts';
import { consumerName, encodeWrite, ensureQueue, streamName, subjects, type WriteMessage } from './stream.ts';

export interface QueueDepth {
  undelivered: number;
  unacked: number;
  /** Messages in the stream: accepted, not yet acked by a worker. */
  messages: number;
  /** ms since epoch of the oldest message in the stream, or undefined when empty. */
  oldestAt: number | undefined;
}

export class WriteQueue {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly #timeoutMs: number;
  readonly #policy: DependencyPolicy | undefined;

  private constructor(
    nc: NatsConnection,
    jsm: JetStreamManager,
    timeoutMs: number,
    policy: DependencyPolicy | undefined,
  ) {
    this.nc = nc;
    this.#policy = policy;
    this.jsm = jsm;
    this.js = nc.jetstream();
    this.#timeoutMs = timeoutMs;
  }

  /** `policy`: timeouts, retries, breaker and bulkhead for publishes (resilience/policy.ts). */
  static async connect(
    url: string,
    timeoutMs: number,
    name: string,
    policy?: DependencyPolicy,
  ): Promise<WriteQueue> {
    try {
      const nc = await connect({
        servers: url,
        name,
        timeout: timeoutMs,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
      });
      void (async () => {
        for await (const s of nc.status()) {
          if (s.type === 'disconnect' || s.type === 'reconnect') console.error(`[service] nats: ${s.type}`);
        }
      })();
      const jsm = await nc.jetstreamManager({ timeout: timeoutMs });
      await ensureQueue(jsm);
      return new WriteQueue(nc, jsm, timeoutMs, policy);
    } catch (err) {
      throw new DependencyError('nats', err);
    }
  }

  /**
   * Publishes durably: resolves with the broker's ack (the message is in the file-backed stream).
   * With a `msgID` the broker de-duplicates, so the policy may retry it; without, never.
   */
  async publish(write: WriteMessage, msgID?: string): Promise<PubAck> {
    const send = () =>
      this.js.publish(subjects[write.entity], encodeWrite(write), {
        timeout: this.#timeoutMs,
        ...(msgID === undefined ? {} : { msgID }),
      });
    try {
      return await (this.#policy === undefined
        ? send()
        : this.#policy.run(send, { idempotent: msgID !== undefined }));
    } catch (err) {
      throw new DependencyError('nats', err);
    }
  }

  async depth(): Promise<QueueDepth> {
    try {
      const [ci, si] = await Promise.all([
        this.jsm.consumers.info(streamName, consumerName),
        this.jsm.streams.info(streamName),
      ]);
      const messages = si.state.messages;
      return {
        undelivered: ci.num_pending,
        unacked: ci.num_ack_pending,
        messages,
        oldestAt: messages > 0 ? Date.parse(si.state.first_ts) : undefined,
      };
    } catch (err) {
      throw new DependencyError('nats', err);
    }
  }

  /** Waits until the consumer has nothing pending or unacked; false if `timeoutMs` passed first. */
  async drained(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const d = await this.depth().catch(() => undefined);
      if (d !== undefined && d.undelivered === 0 && d.unacked === 0) return true;
      if (Date.now() >= deadline) return false;
      await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
    }
  }

  ping(timeoutMs: number): Promise<void> {
    return withTimeout(
      this.nc.flush().catch((err: unknown) => {
        throw new DependencyError('nats', err);
      }),
      timeoutMs,
      'nats',
    );
  }

  /** Registers the queue-depth gauges, read from the broker on every scrape. */
  registerMetrics(metrics: ServiceMetrics): void {
    let last: Promise<QueueDepth | undefined> | undefined;
    // One broker round trip per scrape, shared by the three gauges.
    const read = () => {
      last ??= this.depth()
        .catch(() => undefined)
        .finally(() => setImmediate(() => (last = undefined)));
      return last;
    };
    new Gauge({
      name: 'queue_pending_messages',
      help: 'Writes the workers have not acked: undelivered, or delivered and unacked',
      labelNames: ['state'] as const,
      registers: [metrics.registry],
      async collect() {
        const d = await read();
        if (d === undefined) return this.reset();
        this.set({ state: 'undelivered' }, d.undelivered);
        this.set({ state: 'unacked' }, d.unacked);
      },
    });
    new Gauge({
      name: 'queue_stream_messages',
      help: 'Writes accepted by the broker and not yet persisted',
      registers: [metrics.registry],
      async collect() {
        const d = await read();
        if (d === undefined) return this.reset();
        this.set(d.messages);
      },
    });
    new Gauge({
      name: 'queue_lag_seconds',
      help: 'Age of the oldest accepted write not yet persisted (0 when the queue is empty)',
      registers: [metrics.registry],
      async collect() {
        const d = await read();
        if (d === undefined) return this.reset();
        this.set(d.oldestAt === undefined ? 0 : Math.max(0, (Date.now() - d.oldestAt) / 1000));
      },
    });
  }

  /** Drains (outstanding acks and publishes are flushed) for up to a second, then closes. */
  async close(): Promise<void> {
    await Promise.race([this.nc.drain().catch(() => {}), sleep(1_000)]);
    if (!this.nc.isClosed()) await this.nc.close().catch(() => {});
  }
}
