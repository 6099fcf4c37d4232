/**
 * Dataset and integrity endpoints. Both work on the source of truth (Postgres:
 * the primary, or each id's shard), never on a cache or a replica.
 */
import type { AdminTarget } from '../admin-target.ts';
import { HttpError } from '../errors.ts';
import type { Router } from '../http.ts';
import { isObject, json, readJson } from '../http.ts';
import type { ItemStore } from '../store.ts';
import type { VerifyResult } from '../verify.ts';
import { chunk, classify, entities, parseWrites } from '../verify.ts';

const maxItems = 50_000_000;
const maxValueSize = 1_000_000;
const verifyBatch = 5_000;

export function adminRoutes(router: Router, admin: AdminTarget, store: ItemStore): void {
  router.add('POST', '/admin/seed', async (req) => {
    const body = await readJson(req.raw);
    const items = isObject(body) ? body.items : undefined;
    const valueSize = isObject(body) ? (body.valueSize ?? 100) : undefined;
    if (typeof items !== 'number' || !Number.isInteger(items) || items < 0 || items > maxItems) {
      throw new HttpError(400, `items must be an integer in [0, ${maxItems}]`);
    }
    if (
      typeof valueSize !== 'number' ||
      !Number.isInteger(valueSize) ||
      valueSize < 1 ||
      valueSize > maxValueSize
    ) {
      throw new HttpError(400, `valueSize must be an integer in [1, ${maxValueSize}]`);
    }
    const start = performance.now();
    await store.reset();
    await admin.seed(items, valueSize);
    await store.reset();
    return json(200, { items, ms: Math.round(performance.now() - start) });
  });

  router.add('POST', '/admin/verify', async (req) => {
    const acked = parseWrites(await readJson(req.raw, 256 << 20));
    await store.settle();
    const total: VerifyResult = { checked: 0, lost: [], stale: [] };
    for (const entity of entities) {
      const ids = [...acked[entity].keys()];
      const stored = new Map<number, number>();
      for (const batch of chunk(ids, verifyBatch)) {
        for (const [id, version] of await admin.stored(entity, batch)) stored.set(id, version);
      }
      const result = classify(entity, acked[entity], stored);
      total.checked += result.checked;
      total.lost.push(...result.lost);
      total.stale.push(...result.stale);
    }
    return json(200, total);
  });
}
