/**
 * The integrity check of one cell of a built-in architecture: the
 * acknowledged-write ledger read back through /admin/verify (service-admin.ts),
 * then the architecture's own checks beyond it (targets/<arch>: `verify` —
 * half-done sagas, event-log order), whose failures count as lost data.
 * Undefined when there is nothing to check (no ledger, no own checks).
 */
import type { ArchitectureVerify } from '../../targets/index.ts';
import type { LedgerEntry } from '../metrics/types.ts';
import type { IntegrityReport } from '../results/types.ts';
import type { Deployment } from '../runtime/types.ts';
import { verifyLedger } from './service-admin.ts';

const EXAMPLES = 5;

export async function checkIntegrity(
  deployment: Deployment,
  ledger: LedgerEntry[],
  verify: ArchitectureVerify | undefined,
  signal?: AbortSignal,
): Promise<IntegrityReport | undefined> {
  if (ledger.length === 0 && verify === undefined) return undefined;
  const report: IntegrityReport =
    ledger.length > 0
      ? await verifyLedger(deployment.entryUrl, ledger, signal)
      : { checked: 0, lost: 0, stale: 0, duplicated: 0, examples: { lost: [], stale: [], duplicated: [] } };
  if (verify === undefined) return report;
  const checks = await verify({
    entryUrl: deployment.entryUrl,
    urls: (component) => deployment.component(component).map((i) => i.url),
    ...(signal === undefined ? {} : { signal }),
  });
  for (const check of checks) {
    report.lost += check.failed;
    report.examples.lost.push(
      ...check.examples.slice(0, Math.max(0, EXAMPLES - report.examples.lost.length)),
    );
  }
  report.checks = checks;
  return report;
}

/** `, half-done sagas 0 of 812` — the checks for the cell's log line. */
export function describeChecks(report: IntegrityReport): string {
  return (report.checks ?? []).map((c) => `, ${c.name} ${c.failed} of ${c.checked}`).join('');
}
