/**
 * The API routes every architecture serves, over one ItemStore and one
 * AdminTarget — what most data paths return from `open()`.
 */
import type { AdminTarget } from './admin-target.ts';
import type { DataPath } from './data-path.ts';
import type { Db } from './db.ts';
import { adminRoutes } from './routes/admin.ts';
import { healthRoutes } from './routes/health.ts';
import { itemRoutes } from './routes/items.ts';
import { orderRoutes } from './routes/orders.ts';
import type { WriteRouteOptions } from './routes/write-reply.ts';
import type { ItemStore } from './store.ts';

export function apiPath(
  store: ItemStore,
  admin: AdminTarget,
  pingMs: number,
  writes: WriteRouteOptions = {},
): DataPath {
  return {
    routes(router) {
      healthRoutes(router, store, pingMs);
      itemRoutes(router, store, writes);
      orderRoutes(router, store, writes);
      adminRoutes(router, admin, store);
    },
    close: () => store.close(),
  };
}

/** Creates the tables early so reads before a seed get 404, not 503; /health reports a database that is down. */
export async function ensureSchema(
  dbs: Db[],
  ensure: (db: Db) => Promise<unknown> = (d) => d.ensureSchema(),
): Promise<void> {
  await Promise.all(
    dbs.map((d) =>
      ensure(d).catch((err: Error) =>
        console.error(`[service] ${d.name}: schema not created yet: ${err.message}`),
      ),
    ),
  );
}
