/**
 * The cqrs path's domain events and their JetStream layout.
 * - Every committed write becomes one event, carrying what the read model
 *   needs (denormalised: the item's value and version, the order's item and qty)
 *   and `at`, when the write model stored it — projection lag counts from there.
 * - Stream `cqrs-events` (work queue, file storage), subjects
 *   `cqrs.events.items` / `cqrs.events.orders`; one durable consumer
 *   `cqrs-projectors` shared by every projector, so each event is projected by
 *   one of them (redeliveries aside: projecting is idempotent).
 * - An event is published with msgID `cqrs-<outbox seq>`: a re-publish from the
 *   outbox relay within the 2-minute window is stored once.
 */
import type { StreamLayout } from '../service/broker.ts';

export type DomainEvent =
  | { seq: number; entity: 'items'; id: number; version: number; value: string; at: number }
  | { seq: number; entity: 'orders'; id: number; itemId: number; qty: number; at: number };

export const eventSubjects = { items: 'cqrs.events.items', orders: 'cqrs.events.orders' } as const;
export const projectorsConsumer = 'cqrs-projectors';

export const eventLayout: StreamLayout = {
  stream: 'cqrs-events',
  subjects: [eventSubjects.items, eventSubjects.orders],
  consumers: [{ name: projectorsConsumer, ackWaitMs: 10_000, maxAckPending: 20_000 }],
  duplicateWindowMs: 120_000,
};

export const msgIdOf = (e: DomainEvent): string => `cqrs-${e.seq}`;

export function encodeEvent(e: DomainEvent): Uint8Array {
  return Buffer.from(JSON.stringify(e));
}

/** The event, or undefined when it is not one (a poison message is terminated, not retried). */
export function decodeEvent(data: Uint8Array): DomainEvent | undefined {
  let m: unknown;
  try {
    m = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof m !== 'object' || m === null) return undefined;
  const e = m as Record<string, unknown>;
  const int = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
  if (!int(e.seq) || !int(e.id) || !int(e.at)) return undefined;
  if (e.entity === 'items' && int(e.version) && typeof e.value === 'string') return e as DomainEvent;
  if (e.entity === 'orders' && int(e.itemId) && int(e.qty)) return e as DomainEvent;
  return undefined;
}
