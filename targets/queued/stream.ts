/**
 * The queued path's JetStream layout and message format, shared by the API
 * (publisher) and the workers (consumers).
 * - Stream `harness-writes`: file storage, subjects `writes.items` and
 *   `writes.orders`, work-queue retention — a message is deleted when a worker
 *   acks it, so the stream holds exactly the writes not yet persisted.
 * - One durable pull consumer `harness-workers`, explicit acks: every worker
 *   pulls from it, so messages are shared out, never duplicated (redeliveries
 *   aside, which persistence absorbs).
 * Both sides create the stream and consumer on start; identical configs make that idempotent.
 */
import type { StreamLayout } from '../service/broker.ts';

export const streamName = 'harness-writes';
export const consumerName = 'harness-workers';
export const subjects = { items: 'writes.items', orders: 'writes.orders' } as const;
/** Unacked for this long → redelivered. */
export const ackWaitMs = 10_000;

export type WriteMessage =
  | { entity: 'items'; id: number; value: string; acceptedAt: number }
  | { entity: 'orders'; id: number; itemId: number; qty: number; acceptedAt: number };

/**
 * Item versions in the queued path: the version of a write is 1 + its stream
 * sequence. Sequences only grow, so a later write always carries a higher
 * version, the worker keeps whichever is highest (out-of-order and repeated
 * deliveries are harmless), and seeded rows (version 1) lose to every write.
 * Versions are sparse (not +1 per write), but /admin/verify's rule — stored
 * version ≥ acknowledged version — means exactly "this write or a later one is persisted".
 */
export const versionOfSeq = (seq: number): number => seq + 1;

export function encodeWrite(write: WriteMessage): Uint8Array {
  return Buffer.from(JSON.stringify(write));
}

/** The message, or undefined when it is not one of ours (a poison message is terminated, not retried). */
export function decodeWrite(data: Uint8Array): WriteMessage | undefined {
  let m: unknown;
  try {
    m = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof m !== 'object' || m === null) return undefined;
  const w = m as Record<string, unknown>;
  const int = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
  if (!int(w.id) || !int(w.acceptedAt)) return undefined;
  if (w.entity === 'items' && typeof w.value === 'string') return w as WriteMessage;
  if (w.entity === 'orders' && int(w.itemId) && int(w.qty)) return w as WriteMessage;
  return undefined;
}

/** The stream and its one durable consumer, as the broker creates them (service/broker.ts). */
export const queueLayout: StreamLayout = {
  stream: streamName,
  subjects: [subjects.items, subjects.orders],
  consumers: [{ name: consumerName, ackWaitMs, maxAckPending: 20_000 }],
  duplicateWindowMs: 120_000,
};
