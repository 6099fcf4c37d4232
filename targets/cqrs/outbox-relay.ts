/**
 * Moves domain events from the write model's outbox to the broker. Each
 * write's event is published at once, after its commit and off the request's
 * path (`publishSoon`); a sweep every `sweepMs` re-publishes whatever is still
 * in the outbox after `retryAfterMs` — an event whose publish failed (broker
 * down, partitioned) or whose API process died. Published events leave the
 * outbox in batches. The msgID makes a repeat harmless (events.ts).
 */
import type { Broker } from '../service/broker.ts';
import { type DomainEvent, encodeEvent, eventSubjects, msgIdOf } from './events.ts';
import type { WriteModel } from './write-model.ts';

export interface RelayOptions {
  sweepMs: number;
  retryAfterMs: number;
  batch: number;
}

export class OutboxRelay {
  readonly #model: WriteModel;
  readonly #broker: Broker;
  readonly #opts: RelayOptions;
  readonly #inFlight = new Set<Promise<void>>();
  #done: number[] = [];
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;
  #stopped = false;

  constructor(model: WriteModel, broker: Broker, opts: RelayOptions) {
    this.#model = model;
    this.#broker = broker;
    this.#opts = opts;
  }

  start(): void {
    this.#timer = setInterval(() => void this.sweep(), this.#opts.sweepMs);
  }

  /** Publishes one committed write's event in the background. */
  publishSoon(event: DomainEvent): void {
    if (this.#stopped) return;
    const p = this.#publish(event)
      .catch(() => {}) // stays in the outbox; the sweep retries it
      .finally(() => this.#inFlight.delete(p));
    this.#inFlight.add(p);
  }

  /** One pass over the outbox: publish what waited too long, then forget what was published. */
  sweep(): Promise<void> {
    this.#sweeping ??= (async () => {
      try {
        const stale = await this.#model.pending(this.#opts.retryAfterMs, this.#opts.batch);
        for (const event of stale) await this.#publish(event);
      } catch (err) {
        console.error(`[service] outbox relay: ${(err as Error).message}`);
      } finally {
        await this.#flushDone().catch((err: Error) => console.error(`[service] outbox: ${err.message}`));
        this.#sweeping = undefined;
      }
    })();
    return this.#sweeping;
  }

  /** Publishes everything in the outbox, whatever its age (before a seed or a verify). */
  async drain(): Promise<void> {
    await Promise.all(this.#inFlight);
    for (;;) {
      const left = await this.#model.pending(0, this.#opts.batch);
      if (left.length === 0) break;
      for (const event of left) await this.#publish(event);
      await this.#flushDone();
    }
    await this.#flushDone();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await Promise.all(this.#inFlight);
    await this.#sweeping;
    await this.#flushDone().catch(() => {});
  }

  async #publish(event: DomainEvent): Promise<void> {
    await this.#broker.publish(eventSubjects[event.entity], encodeEvent(event), msgIdOf(event));
    this.#done.push(event.seq);
  }

  async #flushDone(): Promise<void> {
    const seqs = this.#done;
    this.#done = [];
    try {
      await this.#model.published(seqs);
    } catch (err) {
      this.#done.push(...seqs);
      throw err;
    }
  }
}
