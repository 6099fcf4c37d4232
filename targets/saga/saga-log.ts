/**
 * The orchestrator's saga log in the orders database: one row per saga (its
 * id is the order's id), its state and which compensations have been
 * confirmed. Every transition is a conditional UPDATE from the state it
 * expects, so replies that come twice, come late, or race the timeout sweep
 * change nothing twice: whoever moves the saga first wins.
 *
 *   reserving ─reserved→ charging ─charged→ committed (+ the order row)
 *       │rejected→ cancelled        │declined / timeout
 *       │timeout                    ▼
 *       └────────────────→ compensating ─released + refunded→ compensated
 *   (compensation off: declined / timeout → failed, nothing undone)
 */
import { adminTimeoutMs } from '../service/admin-target.ts';
import type { Db } from '../service/db.ts';

export const sagaLogSql = `
CREATE SEQUENCE IF NOT EXISTS saga_ids;
CREATE TABLE IF NOT EXISTS sagas (
  id bigint PRIMARY KEY,
  item_id bigint NOT NULL,
  qty int NOT NULL,
  amount bigint NOT NULL,
  state text NOT NULL,
  release_done boolean NOT NULL DEFAULT false,
  refund_done boolean NOT NULL DEFAULT false,
  reason text,
  step_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  ended_at timestamptz
);
CREATE INDEX IF NOT EXISTS sagas_open ON sagas (step_at) WHERE state IN ('reserving', 'charging', 'compensating');`;

export const openStates = ['reserving', 'charging', 'compensating'] as const;
export type SagaState =
  | 'reserving'
  | 'charging'
  | 'committed'
  | 'cancelled'
  | 'compensating'
  | 'compensated'
  | 'failed';

export interface SagaRow {
  id: number;
  itemId: number;
  qty: number;
  amount: number;
}

export interface TimedOut extends SagaRow {
  /** The step it was waiting on. */
  was: 'reserving' | 'charging';
}

export interface Compensating extends SagaRow {
  releaseDone: boolean;
  refundDone: boolean;
}

/** Price of one unit, cents. */
const unitPrice = 100;

type Raw = { id: string; item_id: string; qty: number; amount: string };
const row = (r: Raw): SagaRow => ({
  id: Number(r.id),
  itemId: Number(r.item_id),
  qty: r.qty,
  amount: Number(r.amount),
});
const returning = 'RETURNING id, item_id, qty, amount';

export class SagaLog {
  readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** A new saga in `reserving`, if the item is in the catalog. */
  async begin(itemId: number, qty: number): Promise<SagaRow | undefined> {
    const { rows } = await this.db.query<Raw>(
      'saga-begin',
      `INSERT INTO sagas (id, item_id, qty, amount, state)
       SELECT nextval('saga_ids'), id, $2, $2 * ${unitPrice}, 'reserving' FROM items WHERE id = $1 ${returning}`,
      [itemId, qty],
      { prepare: true },
    );
    return rows[0] === undefined ? undefined : row(rows[0]);
  }

  /** `from` → `to` (a step: step_at restarts; a final state: ended_at set); the saga if it moved. */
  async move(id: number, from: SagaState, to: SagaState, reason?: string): Promise<SagaRow | undefined> {
    const final = !(openStates as readonly string[]).includes(to);
    const { rows } = await this.db.query<Raw>(
      'saga-move',
      `UPDATE sagas SET state = $3, reason = coalesce($4::text, reason), step_at = clock_timestamp(),
         ended_at = CASE WHEN $5::boolean THEN clock_timestamp() END
       WHERE id = $1 AND state = $2 ${returning}`,
      [id, from, to, reason ?? null, final],
      { prepare: true },
    );
    return rows[0] === undefined ? undefined : row(rows[0]);
  }

  /** charging → committed and the order row, in one statement. */
  async commit(id: number): Promise<boolean> {
    const { rows } = await this.db.query(
      'saga-commit',
      `WITH s AS (
         UPDATE sagas SET state = 'committed', ended_at = clock_timestamp()
         WHERE id = $1 AND state = 'charging' RETURNING id, item_id, qty)
       INSERT INTO orders (id, item_id, qty) SELECT id, item_id, qty FROM s RETURNING id`,
      [id],
      { prepare: true },
    );
    return rows.length > 0;
  }

  /** charging → compensating after a decline: nothing was charged, only the stock to give back. */
  async compensateDecline(id: number): Promise<SagaRow | undefined> {
    const { rows } = await this.db.query<Raw>(
      'saga-declined',
      `UPDATE sagas SET state = 'compensating', refund_done = true, reason = 'payment declined',
         step_at = clock_timestamp()
       WHERE id = $1 AND state = 'charging' ${returning}`,
      [id],
      { prepare: true },
    );
    return rows[0] === undefined ? undefined : row(rows[0]);
  }

  /** A compensation confirmed; compensating → compensated once both are. True when it ended. */
  async compensated(id: number, which: 'release' | 'refund'): Promise<boolean> {
    const column = which === 'release' ? 'release_done' : 'refund_done';
    const other = which === 'release' ? 'refund_done' : 'release_done';
    const { rows } = await this.db.query<{ state: string }>(
      `saga-${which}-done`,
      `UPDATE sagas SET ${column} = true,
         state = CASE WHEN ${other} THEN 'compensated' ELSE state END,
         ended_at = CASE WHEN ${other} THEN clock_timestamp() END
       WHERE id = $1 AND state = 'compensating' RETURNING state`,
      [id],
      { prepare: true },
    );
    return rows[0]?.state === 'compensated';
  }

  /**
   * Sagas whose step waited longer than `timeoutMs`: to `compensating` (with a
   * refund owed only if the charge was asked for), or to `failed` when
   * compensation is off.
   */
  async timeOut(timeoutMs: number, compensate: boolean, limit = 500): Promise<TimedOut[]> {
    const { rows } = await this.db.query<Raw & { was: 'reserving' | 'charging' }>(
      'saga-time-out',
      `UPDATE sagas s SET state = $2::text, refund_done = (t.was = 'reserving'),
         reason = 'timed out while ' || t.was, step_at = clock_timestamp(),
         ended_at = CASE WHEN $2::text = 'failed' THEN clock_timestamp() END
       FROM (SELECT id, state AS was FROM sagas
             WHERE state IN ('reserving', 'charging')
               AND step_at < clock_timestamp() - make_interval(secs => $1::float8 / 1000)
             ORDER BY step_at LIMIT $3 FOR UPDATE SKIP LOCKED) t
       WHERE s.id = t.id RETURNING s.id, s.item_id, s.qty, s.amount, t.was`,
      [timeoutMs, compensate ? 'compensating' : 'failed', limit],
      { prepare: true },
    );
    return rows.map((r) => ({ ...row(r), was: r.was }));
  }

  /** Compensating sagas that waited longer than `timeoutMs` for a confirmation (their commands go again). */
  async stuck(timeoutMs: number, limit = 500): Promise<Compensating[]> {
    const { rows } = await this.db.query<Raw & { release_done: boolean; refund_done: boolean }>(
      'saga-stuck',
      `UPDATE sagas s SET step_at = clock_timestamp()
       FROM (SELECT id FROM sagas WHERE state = 'compensating'
               AND step_at < clock_timestamp() - make_interval(secs => $1::float8 / 1000)
             ORDER BY step_at LIMIT $2 FOR UPDATE SKIP LOCKED) t
       WHERE s.id = t.id RETURNING s.id, s.item_id, s.qty, s.amount, s.release_done, s.refund_done`,
      [timeoutMs, limit],
      { prepare: true },
    );
    return rows.map((r) => ({ ...row(r), releaseDone: r.release_done, refundDone: r.refund_done }));
  }

  async openCount(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      'saga-open',
      `SELECT count(*) AS n FROM sagas WHERE state IN ('reserving', 'charging', 'compensating')`,
      [],
      { direct: true },
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Every saga: id, state, reason, and whether its order row exists. */
  async list(): Promise<{ id: number; state: SagaState; reason: string | null; order: boolean }[]> {
    const { rows } = await this.db.query<{
      id: string;
      state: SagaState;
      reason: string | null;
      has_order: boolean;
    }>(
      'saga-list',
      `SELECT s.id, s.state, s.reason, (o.id IS NOT NULL) AS has_order
       FROM sagas s LEFT JOIN orders o ON o.id = s.id ORDER BY s.id`,
      [],
      { direct: true, timeoutMs: adminTimeoutMs },
    );
    return rows.map((r) => ({ id: Number(r.id), state: r.state, reason: r.reason, order: r.has_order }));
  }

  async truncate(): Promise<void> {
    await this.db.query('saga-truncate', `${sagaLogSql} TRUNCATE sagas`, [], {
      direct: true,
      timeoutMs: adminTimeoutMs,
    });
  }
}
