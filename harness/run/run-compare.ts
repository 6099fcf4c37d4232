/** `harness compare` as a function: compare two stored runs and write compare.html and compare.md. */

import type { CompareOptions, Comparison } from '../../model/index.ts';
import { compareRuns } from '../gate/compare.ts';
import { readResults } from '../results/read.ts';
import { runDir } from './run-gate.ts';

export interface RunCompareOptions {
  baseline: string;
  current: string;
  /** Where to write compare.html and compare.md (default: the current run's directory). */
  out?: string;
  compare?: CompareOptions;
}

export async function runCompare(
  opts: RunCompareOptions,
): Promise<{ comparison: Comparison; markdown: string; files: string[] }> {
  const baseline = readResults(opts.baseline);
  const current = readResults(opts.current);
  const comparison = compareRuns(baseline, current, opts.compare);
  const { renderCompareHtml, renderCompareMarkdown } = await import('../../reports/index.ts');
  const { writeAtomic } = await import('../results/atomic-write.ts');
  const { mkdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const dir = opts.out ?? runDir(opts.current);
  await mkdir(dir, { recursive: true });
  const markdown = renderCompareMarkdown(comparison);
  const files = [join(dir, 'compare.html'), join(dir, 'compare.md')];
  await writeAtomic(files[0]!, renderCompareHtml(comparison));
  await writeAtomic(files[1]!, markdown);
  return { comparison, markdown, files };
}
