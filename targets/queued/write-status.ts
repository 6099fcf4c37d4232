/**
 * Queued path: whether an accepted write has been persisted yet.
 * `GET /writes/items/:id/status?version=N` — persisted once the stored version is ≥ N (default 1);
 * `GET /writes/orders/:id/status` (also `GET /orders/:id/status`) — persisted once the row exists.
 * → 200 `{ entity, id, status: 'accepted' | 'persisted' }`
 */
import { HttpError } from '../service/errors.ts';
import type { Router } from '../service/http.ts';
import { json, parseId } from '../service/http.ts';
import type { WriteStatus } from './queued-store.ts';

export interface WriteStatusSource {
  writeStatus(entity: 'items' | 'orders', id: number, version?: number): Promise<WriteStatus>;
}

export function writeStatusRoutes(router: Router, source: WriteStatusSource): void {
  const answer = async (entity: string | undefined, rawId: string | undefined, url: string | undefined) => {
    if (entity !== 'items' && entity !== 'orders') throw new HttpError(404, 'entity must be items or orders');
    const id = parseId(rawId, `${entity} id`);
    const rawVersion = new URL(url ?? '/', 'http://x').searchParams.get('version');
    const version = rawVersion === null ? undefined : parseId(rawVersion, 'version');
    return json(200, { entity, id, status: await source.writeStatus(entity, id, version) });
  };
  router.add('GET', '/writes/:entity/:id/status', (req) =>
    answer(req.params.entity, req.params.id, req.raw.url),
  );
  router.add('GET', '/orders/:id/status', (req) => answer('orders', req.params.id, req.raw.url));
}
