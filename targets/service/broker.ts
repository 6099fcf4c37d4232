/**
 * NATS JetStream for any data path that needs a broker (queued writes, cqrs
 * events, saga commands): the connection (reconnecting forever), its stream
 * and durable consumers created on start (identical configs make that
 * idempotent, so every process may do it), durable publishing with the
 * broker's ack, a consumer's depth, waiting for it to drain, and the depth
 * gauges in /metrics:
 * - queue_pending_messages{state="undelivered"|"unacked"} (consumer num_pending / num_ack_pending)
 * - queue_stream_messages: messages in the stream (work queue: not yet acked)
 * - queue_lag_seconds: age of the oldest of those (0 when the stream is empty)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AckPolicy,
  type ConsumerMessages,
  connect,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  nanos,
  type PubAck,
  RetentionPolicy,
  StorageType,
} from 'nats';
import { Gauge } from 'prom-client';
import { DependencyError, withTimeout } from './errors.ts';
import type { ServiceMetrics } from './metrics.ts';
import type { DependencyPolicy } from './resilience/policy.ts';

export interface ConsumerLayout {
  name: string;
  /** Only these subjects (several consumers of one work queue must not overlap). */
  filter?: string;
  /** Unacked for this long → redelivered. */
  ackWaitMs: number;
  maxAckPending: number;
}

/** A work-queue stream on file storage: a message is gone once a consumer acks it. */
export interface StreamLayout {
  stream: string;
  subjects: string[];
  consumers: ConsumerLayout[];
  /** Publishes with the same msgID within this window are stored once. */
  duplicateWindowMs: number;
}

export interface QueueDepth {
  undelivered: number;
  unacked: number;
  /** Messages in the stream: published, not yet acked by a consumer. */
  messages: number;
  /** ms since epoch of the oldest message in the stream, or undefined when empty. */
  oldestAt: number | undefined;
}

export class Broker {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly layout: StreamLayout;
  readonly #timeoutMs: number;
  readonly #policy: DependencyPolicy | undefined;

  private constructor(
    nc: NatsConnection,
    jsm: JetStreamManager,
    layout: StreamLayout,
    timeoutMs: number,
    policy: DependencyPolicy | undefined,
  ) {
    this.nc = nc;
    this.jsm = jsm;
    this.js = nc.jetstream();
    this.layout = layout;
    this.#timeoutMs = timeoutMs;
    this.#policy = policy;
  }

  /** `policy`: timeouts, retries, breaker and bulkhead for publishes (resilience/policy.ts). */
  static async connect(
    url: string,
    timeoutMs: number,
    name: string,
    layout: StreamLayout,
    policy?: DependencyPolicy,
  ): Promise<Broker> {
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
      await ensureLayout(jsm, layout);
      return new Broker(nc, jsm, layout, timeoutMs, policy);
    } catch (err) {
      throw new DependencyError('nats', err);
    }
  }

  /**
   * Publishes durably: resolves with the broker's ack (the message is in the file-backed stream).
   * With a `msgID` the broker de-duplicates, so the policy may retry it; without, never.
   */
  async publish(subject: string, data: Uint8Array, msgID?: string): Promise<PubAck> {
    const send = () =>
      this.js.publish(subject, data, {
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

  /** Pull-consumes a durable consumer of the layout; `maxMessages` buffered at most. */
  async consume(consumer: string, maxMessages: number): Promise<ConsumerMessages> {
    const c = await this.js.consumers.get(this.layout.stream, consumer);
    return c.consume({ max_messages: maxMessages });
  }

  async depth(consumer: string): Promise<QueueDepth> {
    try {
      const [ci, si] = await Promise.all([
        this.jsm.consumers.info(this.layout.stream, consumer),
        this.jsm.streams.info(this.layout.stream),
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

  /** Waits until `consumer` has nothing pending or unacked; false if `timeoutMs` passed first. */
  async drained(consumer: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const d = await this.depth(consumer).catch(() => undefined);
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

  /** Registers the depth gauges of `consumer`, read from the broker on every scrape. */
  registerDepthMetrics(metrics: ServiceMetrics, consumer: string): void {
    let last: Promise<QueueDepth | undefined> | undefined;
    // One broker round trip per scrape, shared by the three gauges.
    const read = () => {
      last ??= this.depth(consumer)
        .catch(() => undefined)
        .finally(() => setImmediate(() => (last = undefined)));
      return last;
    };
    new Gauge({
      name: 'queue_pending_messages',
      help: 'Messages the consumers have not acked: undelivered, or delivered and unacked',
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
      help: 'Messages accepted by the broker and not yet acked by a consumer',
      registers: [metrics.registry],
      async collect() {
        const d = await read();
        if (d === undefined) return this.reset();
        this.set(d.messages);
      },
    });
    new Gauge({
      name: 'queue_lag_seconds',
      help: 'Age of the oldest message not yet acked (0 when the stream is empty)',
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

async function ensureLayout(jsm: JetStreamManager, layout: StreamLayout): Promise<void> {
  await jsm.streams.add({
    name: layout.stream,
    subjects: layout.subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Workqueue,
    duplicate_window: nanos(layout.duplicateWindowMs),
  });
  for (const c of layout.consumers) {
    await jsm.consumers.add(layout.stream, {
      durable_name: c.name,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(c.ackWaitMs),
      max_ack_pending: c.maxAckPending,
      ...(c.filter === undefined ? {} : { filter_subject: c.filter }),
    });
  }
}
