/**
 * Seeding and read-back for the orders service: its catalog and orders as on
 * the monolith, its saga log emptied, and each participant seeded through its
 * own admin route (inventory: `stock` units of every item; payment: nothing).
 */
import { type AdminTarget, singleDbAdmin } from '../service/admin-target.ts';
import type { Db } from '../service/db.ts';
import type { SagaLog } from './saga-log.ts';

export function sagaAdmin(
  db: Db,
  log: SagaLog,
  participantUrls: { inventory: string; payment: string },
  stock: number,
): AdminTarget {
  const catalog = singleDbAdmin(db);
  return {
    async seed(items, valueSize) {
      await Promise.all([
        catalog.seed(items, valueSize),
        log.truncate(),
        seedParticipant(participantUrls.inventory, items, stock),
        seedParticipant(participantUrls.payment, items, 0),
      ]);
    },
    stored: catalog.stored,
  };
}

async function seedParticipant(base: string, items: number, stock: number): Promise<void> {
  const res = await fetch(`${base}/admin/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items, stock }),
  });
  if (!res.ok) throw new Error(`seeding ${base}: ${res.status} ${await res.text()}`);
}
