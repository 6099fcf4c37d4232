/** Writes the report files of a run into its results directory. */
import { mkdir } from 'node:fs/promises';
import type { RunResults } from '../harness/results/types.ts';
import { removeOldGateSummary } from './gate-json.ts';
import { type ReportContext, type ReportWriterName, reportWriters } from './report-writers.ts';

/**
 * Writes the named reports (default: every built-in one) into `dir`; returns
 * the paths written. Pass `context.gate` to write the gate files of a gate
 * that compared against a baseline; otherwise they cover thresholds only.
 */
export async function writeReports(
  dir: string,
  results: RunResults,
  names: readonly ReportWriterName[] = Object.keys(reportWriters) as ReportWriterName[],
  context: ReportContext = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const ctx = { ...context };
  const paths: string[] = [];
  for (const name of names) paths.push(await reportWriters[name].write(dir, results, ctx));
  if (names.includes('json')) await removeOldGateSummary(dir);
  return paths;
}
