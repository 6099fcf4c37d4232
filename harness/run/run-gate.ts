/**
 * `harness gate` as a function: read the stored run (and baseline), gate it,
 * write junit.xml, summary.md and gate.json, optionally append the
 * Markdown to a job summary file. Bad limits or results files throw
 * InvalidInputError (exit 2) before anything is written.
 */

import { statSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CompareOptions, GateOutcome } from '../../model/index.ts';
import { gate, parseLimits, targetVerdicts } from '../gate/index.ts';
import { readResults } from '../results/read.ts';

export interface RunGateOptions {
  /** Run directory or its results.json. */
  results: string;
  /** A stored baseline run (directory or results.json). */
  baseline?: string;
  /** `p95=+10%,throughput=-5%,errorRate=+0.5pp`; defaults apply with a baseline. */
  limits?: string;
  /** Directory for junit.xml, summary.md, gate.json (default: the run's directory). */
  out?: string;
  /** Append the Markdown summary to this file (GitHub: `$GITHUB_STEP_SUMMARY`). */
  summaryFile?: string;
  compare?: CompareOptions;
}

export async function runGate(opts: RunGateOptions): Promise<{ outcome: GateOutcome; files: string[] }> {
  const limits = opts.limits === undefined ? undefined : parseLimits(opts.limits, '--limits');
  const results = readResults(opts.results);
  const baseline = opts.baseline === undefined ? undefined : readResults(opts.baseline);
  const outcome = gate(results, {
    ...(baseline ? { baseline } : {}),
    ...(limits ? { limits } : {}),
    ...(opts.compare ? { compare: opts.compare } : {}),
  });
  const { renderGateMarkdown, renderVerdictMarkdown } = await import('../../reports/index.ts');
  const { writeReports } = await import('./write-reports.ts');
  const verdicts = targetVerdicts(results);
  const dir = opts.out ?? runDir(opts.results);
  const files = await writeReports(dir, results, ['junit', 'markdown', 'json'], {
    gate: outcome,
    verdicts,
  });
  if (opts.summaryFile) {
    await appendFile(
      opts.summaryFile,
      `${renderGateMarkdown(outcome, { preface: renderVerdictMarkdown(verdicts) })}\n`,
    );
    files.push(opts.summaryFile);
  }
  return { outcome, files };
}

export function runDir(path: string): string {
  return statSync(path).isDirectory() ? path : dirname(path);
}
