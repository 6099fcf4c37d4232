/**
 * What the orchestrator asks of a built-in architecture's service besides
 * load: seed the dataset, read back the acknowledged writes, and report its
 * own metrics. Over HTTP (`/admin/seed`, `/admin/verify`, `/metrics`) by
 * default; a component test hands the orchestrator its own.
 */
import type { Deployment, IntegrityReport, LedgerEntry } from '../../model/index.ts';
import { scrapeTargetMetrics } from './scrape-metrics.ts';
import { seedDataset, verifyLedger } from './service-admin.ts';

export interface TargetAdmin {
  seed(
    baseUrl: string,
    dataset: { items: number; valueSize: number },
    signal: AbortSignal,
  ): Promise<{ items: number; ms: number }>;
  verify(baseUrl: string, ledger: LedgerEntry[], signal: AbortSignal): Promise<IntegrityReport>;
  /** Every service/worker instance's metrics at the end of the load: `instance → name{labels} → value`. */
  scrape(deployment: Deployment): Promise<Record<string, Record<string, number>>>;
}

export const httpAdmin: TargetAdmin = {
  seed: seedDataset,
  verify: verifyLedger,
  scrape: scrapeTargetMetrics,
};
