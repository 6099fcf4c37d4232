/**
 * A participant's own database: what it did for each saga, keyed by saga id,
 * so every command is idempotent and a compensation that arrives first leaves
 * a tombstone that refuses the late command it compensates.
 * - inventory: `stock` per item and `reservations` (reserved | rejected | released);
 *   reserve takes stock if there is enough, release gives it back once.
 * - payment: `payments` (charged | declined | refunded); charge declines
 *   `declinePct` % of sagas (by a hash of the id), refund reverses a charge once.
 * Each command runs in one transaction; the first to claim a saga's row decides.
 */
import { adminTimeoutMs } from '../service/admin-target.ts';
import type { Db } from '../service/db.ts';
import type { Command, Outcome, Participant } from './messages.ts';

export const ledgerSql: Record<Participant, string> = {
  inventory: `
CREATE TABLE IF NOT EXISTS stock (item_id bigint PRIMARY KEY, available bigint NOT NULL);
CREATE TABLE IF NOT EXISTS reservations (
  saga_id bigint PRIMARY KEY, item_id bigint NOT NULL, qty int NOT NULL, state text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp());`,
  payment: `
CREATE TABLE IF NOT EXISTS payments (
  saga_id bigint PRIMARY KEY, amount bigint NOT NULL, state text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp());`,
};

/** Deterministic: the same saga is always declined or always not. */
export function declines(saga: number, pct: number): boolean {
  let h = 0x811c9dc5;
  for (const ch of String(saga)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 100 < pct;
}

export class ParticipantLedger {
  readonly participant: Participant;
  readonly db: Db;
  readonly #declinePct: number;

  constructor(participant: Participant, db: Db, declinePct = 0) {
    this.participant = participant;
    this.db = db;
    this.#declinePct = declinePct;
  }

  /** Applies one command, idempotently; the outcome to reply. */
  apply(c: Command): Promise<Outcome> {
    return this.db.transaction(
      `saga-${c.kind}`,
      async (client) => {
        const q = async (text: string, values: unknown[]) => (await client.query(text, values)).rows;
        switch (c.kind) {
          case 'reserve': {
            const claimed = await q(
              `INSERT INTO reservations (saga_id, item_id, qty, state) VALUES ($1, $2, $3, 'claimed')
               ON CONFLICT (saga_id) DO NOTHING RETURNING saga_id`,
              [c.saga, c.itemId, c.qty],
            );
            if (claimed.length === 0) {
              const [row] = await q('SELECT state FROM reservations WHERE saga_id = $1', [c.saga]);
              return row?.state === 'reserved' ? 'reserved' : 'rejected'; // released: a tombstone refuses it
            }
            const taken = await q(
              'UPDATE stock SET available = available - $2 WHERE item_id = $1 AND available >= $2 RETURNING item_id',
              [c.itemId, c.qty],
            );
            const outcome = taken.length > 0 ? 'reserved' : 'rejected';
            await q('UPDATE reservations SET state = $2 WHERE saga_id = $1', [c.saga, outcome]);
            return outcome;
          }
          case 'release': {
            const tombstone = await q(
              `INSERT INTO reservations (saga_id, item_id, qty, state) VALUES ($1, $2, $3, 'released')
               ON CONFLICT (saga_id) DO NOTHING RETURNING saga_id`,
              [c.saga, c.itemId, c.qty],
            );
            if (tombstone.length === 0) {
              const [row] = await q(
                'SELECT state, item_id, qty FROM reservations WHERE saga_id = $1 FOR UPDATE',
                [c.saga],
              );
              if (row?.state === 'reserved') {
                await q('UPDATE stock SET available = available + $2 WHERE item_id = $1', [
                  row.item_id,
                  row.qty,
                ]);
                await q(
                  `UPDATE reservations SET state = 'released', updated_at = clock_timestamp() WHERE saga_id = $1`,
                  [c.saga],
                );
              }
            }
            return 'released';
          }
          case 'charge': {
            const claimed = await q(
              `INSERT INTO payments (saga_id, amount, state) VALUES ($1, $2, $3)
               ON CONFLICT (saga_id) DO NOTHING RETURNING state`,
              [c.saga, c.amount, declines(c.saga, this.#declinePct) ? 'declined' : 'charged'],
            );
            if (claimed.length > 0) return claimed[0]!.state as Outcome;
            const [row] = await q('SELECT state FROM payments WHERE saga_id = $1', [c.saga]);
            return row?.state === 'charged' ? 'charged' : 'declined'; // refunded: a tombstone refuses it
          }
          case 'refund': {
            await q(
              `INSERT INTO payments (saga_id, amount, state) VALUES ($1, $2, 'refunded')
               ON CONFLICT (saga_id) DO UPDATE SET state = 'refunded', updated_at = clock_timestamp()
               WHERE payments.state = 'charged'`,
              [c.saga, c.amount],
            );
            return 'refunded';
          }
        }
      },
      { idempotent: true },
    );
  }

  /** Every saga this participant has a record of: id → state. */
  async records(): Promise<Record<string, string>> {
    const text =
      this.participant === 'inventory'
        ? 'SELECT saga_id, state FROM reservations'
        : 'SELECT saga_id, state FROM payments';
    const { rows } = await this.db.query<{ saga_id: string; state: string }>(`saga-records`, text, [], {
      direct: true,
      timeoutMs: adminTimeoutMs,
    });
    return Object.fromEntries(rows.map((r) => [r.saga_id, r.state]));
  }

  /** Forgets every saga; inventory: `stock` units of each item 1..items. */
  async seed(items: number, stock: number): Promise<void> {
    await this.db.query('saga-ledger-schema', ledgerSql[this.participant], [], {
      direct: true,
      timeoutMs: adminTimeoutMs,
    });
    await this.db.transaction(
      'saga-ledger-seed',
      async (client) => {
        if (this.participant === 'payment') {
          await client.query('TRUNCATE payments');
          return;
        }
        await client.query('TRUNCATE reservations, stock');
        await client.query({
          text: 'INSERT INTO stock (item_id, available) SELECT g, $2 FROM generate_series(1, $1::bigint) AS g',
          values: [items, stock],
          query_timeout: adminTimeoutMs,
        } as { text: string; values: unknown[] });
      },
      { direct: true },
    );
  }
}
