/**
 * The integrity check of one cell of a built-in architecture: the
 * acknowledged-write ledger read back through /admin/verify (service-admin.ts),
 * then the architecture's own checks beyond it (targets/<arch>: `verify` —
 * half-done sagas, event-log order), whose failures count as lost data.
 * Undefined when there is nothing to check (no ledger, no own checks).
 */
import type { Deployment, IntegrityReport, LedgerEntry } from '../../model/index.ts';
import type { ArchitectureVerify } from '../../targets/index.ts';
import type { TargetAdmin } from './target-admin.ts';

const EXAMPLES = 5;

export async function checkIntegrity(
  deployment: Deployment,
  ledger: LedgerEntry[],
  verify: ArchitectureVerify | undefined,
  verifyLedger: TargetAdmin['verify'],
  signal: AbortSignal,
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
    signal,
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
