/** Writes the report files of a run into its results directory. */
import { mkdir } from 'node:fs/promises';
import type { RunResults } from '../harness/results/types.ts';
import { type ReportWriterName, reportWriters } from './report-writers.ts';

/** Writes the named reports (default: every built-in one) into `dir`; returns the paths written. */
export async function writeReports(
  dir: string,
  results: RunResults,
  names: readonly ReportWriterName[] = Object.keys(reportWriters) as ReportWriterName[],
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const name of names) paths.push(await reportWriters[name].write(dir, results));
  return paths;
}
