/**
 * Seeding and read-back for the orders service: its catalog and orders as on
 * the monolith, its saga log emptied, and each participant reset through the
 * broker, behind the commands still queued for it (inventory: `stock` units of
 * every item; payment: no payments).
 */
import { type AdminTarget, singleDbAdmin } from '../service/admin-target.ts';
import type { Db } from '../service/db.ts';
import type { Orchestrator } from './orchestrator.ts';
import type { SagaLog } from './saga-log.ts';

export function sagaAdmin(
  db: Db,
  log: SagaLog,
  orchestrator: Orchestrator,
  opts: { stock: number; timeoutMs: number },
): AdminTarget {
  const catalog = singleDbAdmin(db);
  return {
    async seed(items, valueSize) {
      await Promise.all([
        catalog.seed(items, valueSize),
        log.truncate(),
        orchestrator.resetParticipants(items, opts.stock, opts.timeoutMs),
      ]);
    },
    stored: catalog.stored,
  };
}
