/**
 * The integrity check's pure parts: parse acknowledged writes
 * (`{ id: "items/42", version: 3 }`) and classify them against what the
 * source of truth holds. lost = row missing; stale = stored version older
 * than the newest acknowledged one.
 */
import { HttpError } from './errors.ts';
import { isObject } from './http.ts';

export const entities = ['items', 'orders'] as const;
export type Entity = (typeof entities)[number];

/** Per entity: id → highest acknowledged version. */
export type AckedWrites = Record<Entity, Map<number, number>>;

export function parseWrites(body: unknown): AckedWrites {
  if (!isObject(body) || !Array.isArray(body.writes))
    throw new HttpError(400, 'body must be { writes: [...] }');
  const acked: AckedWrites = { items: new Map(), orders: new Map() };
  const bad: string[] = [];
  body.writes.forEach((w: unknown, i) => {
    const m = isObject(w) && typeof w.id === 'string' ? /^(items|orders)\/(\d{1,15})$/.exec(w.id) : null;
    const version = isObject(w) ? w.version : undefined;
    if (m === null || typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      if (bad.length < 5) bad.push(`writes[${i}]`);
      return;
    }
    const map = acked[m[1] as Entity];
    const id = Number(m[2]);
    map.set(id, Math.max(map.get(id) ?? 0, version));
  });
  if (bad.length > 0) {
    throw new HttpError(
      400,
      `bad writes (want { id: "items/<n>" | "orders/<n>", version: <int ≥ 1> }): ${bad.join(', ')}`,
    );
  }
  return acked;
}

export interface VerifyResult {
  /** Distinct entities checked. */
  checked: number;
  lost: string[];
  stale: string[];
}

/** `stored`: id → version found in the source of truth, for the ids that exist. */
export function classify(
  entity: Entity,
  acked: Map<number, number>,
  stored: Map<number, number>,
): VerifyResult {
  const lost: string[] = [];
  const stale: string[] = [];
  for (const [id, version] of acked) {
    const found = stored.get(id);
    if (found === undefined) lost.push(`${entity}/${id}`);
    else if (found < version) stale.push(`${entity}/${id}`);
  }
  return { checked: acked.size, lost, stale };
}

export function chunk<T>(values: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
