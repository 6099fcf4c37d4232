/**
 * The event-sourced data path behind the shared API. State is never stored,
 * only events: PUT /items/:id appends `ItemSet`, POST /orders starts an order
 * stream with `OrderPlaced`, and every GET rebuilds the aggregate by replay —
 * from its latest snapshot when `snapshotEvery` > 0, else from its first event.
 * A snapshot is taken after each append whose version is a multiple of
 * `snapshotEvery` (after the answer, off the write's path), and on a read that
 * had to replay more than `snapshotEvery` events (one that was missed).
 * GET /items/:id answers `{ id, value, version, checksum, replayed, fromSnapshot }`:
 * `replayed` events were folded, starting at snapshot version `fromSnapshot` (0: none).
 */
import type { Item, ItemStore, Order } from '../service/store.ts';
import type { EventSourcedMetrics, ReplaySource } from './es-metrics.ts';
import type { EventStore } from './event-store.ts';
import { asItemState, foldItem, type ItemState } from './item-aggregate.ts';

export interface EventSourcedItem extends Item {
  checksum: string;
  /** Events folded for this read. */
  replayed: number;
  /** Version of the snapshot the replay started from; 0 when it started from the first event. */
  fromSnapshot: number;
}

export class EventSourcedStore implements ItemStore {
  readonly #events: EventStore;
  readonly #metrics: EventSourcedMetrics;
  readonly #every: number;
  readonly #snapshotting = new Set<Promise<unknown>>();

  /** `snapshotEvery`: events between snapshots; 0 = never (every read replays the whole stream). */
  constructor(events: EventStore, metrics: EventSourcedMetrics, snapshotEvery: number) {
    this.#events = events;
    this.#metrics = metrics;
    this.#every = snapshotEvery;
  }

  async getItem(id: number): Promise<EventSourcedItem | undefined> {
    const started = performance.now();
    const stream = await this.#events.load('item', id, this.#every > 0);
    const from = stream.snapshot === undefined ? undefined : asItemState(stream.snapshot.state);
    const state = foldItem(from, stream.events);
    const source: ReplaySource = from === undefined ? 'log' : 'snapshot';
    this.#metrics.replaySeconds.observe({ source }, (performance.now() - started) / 1000);
    this.#metrics.replayEvents.observe({ source }, stream.events.length);
    if (state === undefined) return undefined;
    if (this.#every > 0 && stream.events.length > this.#every) this.#background(this.#save(id, state));
    return {
      id,
      value: state.value,
      version: state.version,
      checksum: state.checksum,
      replayed: stream.events.length,
      fromSnapshot: from?.version ?? 0,
    };
  }

  async putItem(id: number, value: string): Promise<number> {
    const version = await this.#events.appendItem(id, value);
    this.#metrics.appended.inc({ stream: 'item' });
    if (this.#every > 0 && version % this.#every === 0) this.#background(this.#snapshotAt(id, version));
    return version;
  }

  async createOrder(itemId: number, qty: number): Promise<number | undefined> {
    const id = await this.#events.placeOrder(itemId, qty);
    if (id !== undefined) this.#metrics.appended.inc({ stream: 'order' });
    return id;
  }

  async getOrder(id: number): Promise<Order | undefined> {
    const { events } = await this.#events.load('order', id, false);
    const placed = events[0];
    if (placed === undefined) return undefined;
    const data = placed.data as { itemId: number; qty: number };
    return { id, itemId: Number(data.itemId), qty: data.qty, createdAt: placed.at.toISOString() };
  }

  ping(timeoutMs: number): Promise<void> {
    return this.#events.db.ping(timeoutMs).then(() => {});
  }

  /** Snapshots in flight finish before a seed truncates the log under them. */
  async reset(): Promise<void> {
    await this.settle();
  }

  async settle(): Promise<void> {
    await Promise.allSettled([...this.#snapshotting]);
  }

  async close(): Promise<void> {
    await this.settle();
    await this.#events.db.close();
  }

  /** The state at `version`: from the latest snapshot at or below it, then the events up to it. */
  async #snapshotAt(id: number, version: number): Promise<void> {
    const stream = await this.#events.load('item', id, true);
    const from = stream.snapshot === undefined ? undefined : asItemState(stream.snapshot.state);
    if (from !== undefined && from.version >= version) return;
    const state = foldItem(
      from,
      stream.events.filter((e) => e.version <= version),
    );
    if (state !== undefined) await this.#save(id, state);
  }

  async #save(id: number, state: ItemState): Promise<void> {
    if (await this.#events.saveSnapshot('item', id, state.version, state))
      this.#metrics.snapshotsWritten.inc();
  }

  #background(p: Promise<void>): void {
    const tracked = p.catch((err: unknown) =>
      console.error(`[service] snapshot not stored: ${err instanceof Error ? err.message : err}`),
    );
    this.#snapshotting.add(tracked);
    void tracked.finally(() => this.#snapshotting.delete(tracked));
  }
}
