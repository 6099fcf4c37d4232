/**
 * Consumes a durable JetStream consumer in micro-batches: whatever has arrived
 * (up to `batch` messages) is handed to `handle` as one batch, with at most
 * `concurrency` batches in flight. `handle` acks or naks each message itself.
 * Used by queue workers, cqrs projectors and saga participants.
 */
import type { ConsumerMessages, JsMsg } from 'nats';

export interface RunningConsumer {
  /** Stops pulling, then waits for the batches in flight. */
  stop(): Promise<void>;
}

export function consumeInBatches(
  messages: ConsumerMessages,
  handle: (batch: JsMsg[]) => Promise<void>,
  opts: { batch: number; concurrency: number },
): RunningConsumer {
  const inflight = new Set<Promise<void>>();
  let pending: JsMsg[] = [];
  let scheduled = false;

  const flush = async (): Promise<void> => {
    scheduled = false;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    while (inflight.size >= opts.concurrency) await Promise.race(inflight);
    const p = handle(batch)
      .catch((err: unknown) => console.error(`[service] batch handler: ${(err as Error)?.message ?? err}`))
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };

  const loop = (async () => {
    for await (const m of messages) {
      pending.push(m);
      if (pending.length >= opts.batch) await flush();
      else if (!scheduled) {
        // Whatever else is already buffered arrives before setImmediate fires: one batch.
        scheduled = true;
        setImmediate(() => void flush());
      }
    }
  })();

  return {
    async stop() {
      messages.stop();
      await loop.catch(() => {});
      await flush();
      await Promise.all(inflight);
    },
  };
}
