/**
 * Seeding, read-back and the audit of the event log.
 * - seed: every item 1..n is a stream with one `ItemSet` (the same values as
 *   every other architecture seeds); snapshots and orders are gone.
 * - stored: the highest version of each stream *in the log itself*.
 * - audit: every stream's events are versions 1..n exactly once, in the order
 *   they were appended (by `seq`), its head says n; every snapshot equals the
 *   replay of the log up to its version. What fails is reported by stream.
 */
import type { IntegrityCheck } from '../plug/verify.ts';
import type { AdminTarget } from '../service/admin-target.ts';
import { adminTimeoutMs } from '../service/admin-target.ts';
import type { Db } from '../service/db.ts';
import type { Entity } from '../service/verify.ts';
import { type EventStore, eventStoreSql } from './event-store.ts';
import { asItemState, foldItem } from './item-aggregate.ts';

const valueExpr = 'substr(repeat(md5(g::text), $2::int), 1, $3::int)';

export function eventSourcedAdmin(db: Db): AdminTarget {
  return {
    async seed(items, valueSize) {
      await db.query('es-seed-schema', eventStoreSql, [], { timeoutMs: adminTimeoutMs, direct: true });
      await db.transaction(
        'es-seed',
        async (client) => {
          await client.query('TRUNCATE es_events, es_streams, es_snapshots RESTART IDENTITY');
          await client.query('ALTER SEQUENCE es_order_ids RESTART');
          const values = [items, Math.ceil(valueSize / 32), valueSize];
          const opts = { query_timeout: adminTimeoutMs } as object;
          await client.query({
            text: `INSERT INTO es_streams (type, id, version) SELECT 'item', g, 1 FROM generate_series(1, $1::bigint) AS g`,
            values: [items],
            ...opts,
          });
          await client.query({
            text: `INSERT INTO es_events (stream_type, stream_id, version, type, data)
              SELECT 'item', g, 1, 'ItemSet', jsonb_build_object('value', ${valueExpr})
              FROM generate_series(1, $1::bigint) AS g`,
            values,
            ...opts,
          });
        },
        { direct: true },
      );
      await db.query('es-seed-analyze', 'ANALYZE es_events; ANALYZE es_streams', [], {
        timeoutMs: adminTimeoutMs,
        direct: true,
      });
    },

    async stored(entity: Entity, ids: number[]) {
      const stored = new Map<number, number>();
      if (ids.length === 0) return stored;
      const { rows } = await db.query<{ id: string; version: number }>(
        `es-verify-${entity}`,
        `SELECT stream_id AS id, max(version) AS version FROM es_events
          WHERE stream_type = $1 AND stream_id = ANY($2::bigint[]) GROUP BY stream_id`,
        [entity === 'items' ? 'item' : 'order', ids],
        { direct: true, timeoutMs: adminTimeoutMs },
      );
      for (const row of rows) stored.set(Number(row.id), row.version);
      return stored;
    },
  };
}

const examplesMax = 5;

// Per stream: events (count, distinct versions, lowest, highest), how many follow a version other
// than the one before them in append (seq) order, and its head — only the streams where any is off.
const logProblemsSql = `
WITH e AS (
  SELECT stream_type, stream_id, count(*) AS n, count(DISTINCT version) AS d, min(version) AS lo, max(version) AS hi
  FROM es_events GROUP BY stream_type, stream_id),
o AS (
  SELECT stream_type, stream_id, count(*) AS misordered FROM (
    SELECT stream_type, stream_id, version,
      lag(version) OVER (PARTITION BY stream_type, stream_id ORDER BY seq) AS prev
    FROM es_events) x
  WHERE prev IS NOT NULL AND version <= prev GROUP BY stream_type, stream_id)
SELECT coalesce(e.stream_type, s.type) AS type, coalesce(e.stream_id, s.id) AS id,
  e.n, e.d, e.lo, e.hi, s.version AS head, coalesce(o.misordered, 0) AS misordered
FROM e FULL JOIN es_streams s ON s.type = e.stream_type AND s.id = e.stream_id
LEFT JOIN o ON o.stream_type = e.stream_type AND o.stream_id = e.stream_id
WHERE e.n IS NULL OR s.version IS NULL OR e.n <> e.d OR e.lo <> 1 OR e.hi <> e.n
  OR s.version <> e.hi OR coalesce(o.misordered, 0) > 0
ORDER BY 1, 2`;

interface LogProblemRow {
  type: string;
  id: string;
  n: string | null;
  d: string | null;
  lo: number | null;
  hi: number | null;
  head: number | null;
  misordered: string;
}

function describeLogProblem(r: LogProblemRow): string {
  const what: string[] = [];
  if (r.n === null) what.push(`head ${r.head} but no events`);
  else {
    if (r.head === null) what.push('events but no head');
    else if (r.head !== r.hi) what.push(`head ${r.head}, last event ${r.hi}`);
    if (Number(r.n) !== Number(r.d)) what.push(`${Number(r.n) - Number(r.d)} repeated versions`);
    if (r.lo !== 1 || r.hi !== Number(r.d)) what.push(`versions ${r.lo}..${r.hi} with ${r.d} present (gap)`);
    if (Number(r.misordered) > 0) what.push(`${r.misordered} out of append order`);
  }
  return `${r.type === 'item' ? 'items' : 'orders'}/${r.id}: ${what.join(', ')}`;
}

/** The audit: the log's shape per stream, then every snapshot against a replay of the log. */
export async function auditEventLog(events: EventStore): Promise<IntegrityCheck[]> {
  const db = events.db;
  const opts = { direct: true, timeoutMs: adminTimeoutMs };
  const [{ rows: problems }, { rows: counted }] = await Promise.all([
    db.query<LogProblemRow>('es-audit-log', logProblemsSql, [], opts),
    db.query<{ n: string }>('es-audit-streams', 'SELECT count(*) AS n FROM es_streams', [], opts),
  ]);
  const log: IntegrityCheck = {
    name: 'event log',
    checked: Number(counted[0]?.n ?? 0),
    failed: problems.length,
    examples: problems.slice(0, examplesMax).map(describeLogProblem),
  };

  const { rows: snaps } = await db.query<{ id: string; version: number; state: unknown }>(
    'es-audit-snapshots',
    `SELECT stream_id AS id, version, state FROM es_snapshots WHERE stream_type = 'item' ORDER BY stream_id`,
    [],
    opts,
  );
  const snapshots: IntegrityCheck = { name: 'snapshots', checked: snaps.length, failed: 0, examples: [] };
  for (const snap of snaps) {
    const id = Number(snap.id);
    let why: string | undefined;
    try {
      const replayed = foldItem(undefined, await events.eventsBetween('item', id, 0, snap.version));
      const stored = asItemState(snap.state);
      if (stored === undefined) why = 'not an item state';
      else if (replayed === undefined || replayed.version !== stored.version) why = 'the log is shorter';
      else if (replayed.checksum !== stored.checksum || replayed.value !== stored.value)
        why = `differs from the replay (checksum ${stored.checksum} vs ${replayed.checksum})`;
    } catch (err) {
      why = `replay fails: ${(err as Error).message}`;
    }
    if (why !== undefined) {
      snapshots.failed++;
      if (snapshots.examples.length < examplesMax)
        snapshots.examples.push(`items/${id} snapshot v${snap.version}: ${why}`);
    }
  }
  return [log, snapshots];
}
