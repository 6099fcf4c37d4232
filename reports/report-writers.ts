/**
 * Built-in report writers in one explicit `name → writer` map (no
 * registration by import side effect). Markdown and JUnit join it.
 */
import { join } from 'node:path';
import type { RunResults } from '../harness/results/types.ts';
import { writeAtomic } from './atomic-write.ts';
import { renderHtmlReport } from './html-report.ts';

/** Renders one file of a run into `dir` (atomically) and returns its path. */
export interface ReportWriter {
  /** File name inside the run directory. */
  readonly file: string;
  write(dir: string, results: RunResults): Promise<string>;
}

export const reportWriters = {
  html: {
    file: 'report.html',
    async write(dir: string, results: RunResults): Promise<string> {
      const path = join(dir, 'report.html');
      await writeAtomic(path, renderHtmlReport(results));
      return path;
    },
  },
} as const satisfies Record<string, ReportWriter>;

export type ReportWriterName = keyof typeof reportWriters;
