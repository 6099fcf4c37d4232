/**
 * The orders service of the saga architecture behind the shared API: items
 * are its catalog in its own Postgres (as on the monolith); POST /orders runs
 * a saga across inventory and payment (orchestrator.ts) and answers when it
 * has committed (201, the order exists) or turned back — 409 when the stock
 * or the payment said no, 503 when a step timed out (compensating, or failed
 * with compensation off). GET /orders/:id finds committed orders only.
 */

import type { Broker } from '../service/broker.ts';
import { HttpError } from '../service/errors.ts';
import type { Item, ItemStore, Order, PgStore } from '../service/store.ts';
import type { Orchestrator } from './orchestrator.ts';

export class SagaStore implements ItemStore {
  readonly #pg: PgStore;
  readonly #orchestrator: Orchestrator;
  readonly #broker: Broker;
  readonly #drainTimeoutMs: number;

  constructor(pg: PgStore, orchestrator: Orchestrator, broker: Broker, drainTimeoutMs: number) {
    this.#pg = pg;
    this.#orchestrator = orchestrator;
    this.#broker = broker;
    this.#drainTimeoutMs = drainTimeoutMs;
  }

  getItem(id: number): Promise<Item | undefined> {
    return this.#pg.getItem(id);
  }

  putItem(id: number, value: string): Promise<number> {
    return this.#pg.putItem(id, value);
  }

  async createOrder(itemId: number, qty: number): Promise<number | undefined> {
    const saga = await this.#orchestrator.order(itemId, qty);
    if (saga === undefined) return undefined;
    const { outcome, reason = '' } = saga.end;
    if (outcome === 'committed') return saga.id;
    const refused = reason === 'out of stock' || reason === 'payment declined';
    throw new HttpError(refused ? 409 : 503, `order ${saga.id} not placed (${reason}): saga ${outcome}`);
  }

  getOrder(id: number): Promise<Order | undefined> {
    return this.#pg.getOrder(id);
  }

  async ping(timeoutMs: number): Promise<void> {
    await Promise.all([this.#pg.ping(timeoutMs), this.#broker.ping(timeoutMs)]);
  }

  async reset(): Promise<void> {
    await this.settle();
  }

  /** Waits until no saga is open (or the drain timeout), so the check reads final states. */
  async settle(): Promise<void> {
    if (!(await this.#orchestrator.settled(this.#drainTimeoutMs)))
      console.error(`[saga] sagas still open after ${this.#drainTimeoutMs} ms; reading them as they are`);
  }

  async close(): Promise<void> {
    await this.#orchestrator.stop();
    await this.#broker.close();
    await this.#pg.close();
  }
}
