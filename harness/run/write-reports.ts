/** Writes the report files of a run into its results directory (each atomically). */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { GateOutcome, RunResults, TargetVerdicts } from '../../model/index.ts';
import { type ReportWriterName, reportWriters } from '../../reports/index.ts';
import { gate, targetVerdicts } from '../gate/index.ts';
import { writeAtomic } from '../results/atomic-write.ts';

/**
 * Writes the named reports (default: every built-in one) into `dir`; returns
 * the paths written. Pass `context.gate` to write the gate files of a gate
 * that compared against a baseline; otherwise they cover thresholds only.
 * The verdicts between the run's targets are computed when not given.
 */
export async function writeReports(
  dir: string,
  results: RunResults,
  names: readonly ReportWriterName[] = Object.keys(reportWriters) as ReportWriterName[],
  context: { gate?: GateOutcome; verdicts?: TargetVerdicts } = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const ctx = { gate: context.gate ?? gate(results), verdicts: context.verdicts ?? targetVerdicts(results) };
  const paths: string[] = [];
  for (const name of names) {
    const { file, render } = reportWriters[name];
    const path = join(dir, file);
    await writeAtomic(path, render(results, ctx));
    paths.push(path);
  }
  return paths;
}
