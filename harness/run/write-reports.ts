/** Writes the report files of a run into its results directory (each atomically). */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GateOutcome, RunResults, TargetVerdicts } from '../../model/index.ts';
import { GATE_SUMMARY_SCHEMA, type ReportWriterName, reportWriters } from '../../reports/index.ts';
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
  if (names.includes('json')) await removeOldGateSummary(dir);
  return paths;
}

/**
 * Runs written before the rename kept the gate in `summary.json`; re-rendering
 * one (`harness report`) removes that file when it is harness's gate, so no
 * k6 tool reads it as an (empty) k6 summary. Any other summary.json stays.
 */
async function removeOldGateSummary(dir: string): Promise<boolean> {
  const file = join(dir, 'summary.json');
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { schema?: unknown };
    if (data.schema !== GATE_SUMMARY_SCHEMA) return false;
  } catch {
    return false;
  }
  await rm(file, { force: true });
  return true;
}
