/** The gate as JSON (`gate.json`; not named summary.json, so no tool takes it for a k6 summary): the verdict, every check and the comparison, without raw intervals. */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GateOutcome } from '../harness/gate/index.ts';

export const GATE_SUMMARY_SCHEMA = 'harness-gate/1';

export function gateSummaryJson(outcome: GateOutcome): string {
  const { comparison, suites, ...rest } = outcome;
  return `${JSON.stringify(
    {
      schema: GATE_SUMMARY_SCHEMA,
      ...rest,
      suites: suites.map(({ comparison: g, ...s }) => ({
        ...s,
        ...(g ? { method: g.method, metrics: g.metrics } : {}),
      })),
      ...(comparison
        ? {
            comparison: {
              baseline: comparison.baseline,
              current: comparison.current,
              onlyInBaseline: comparison.onlyInBaseline,
              onlyInCurrent: comparison.onlyInCurrent,
              warnings: comparison.warnings,
              settings: comparison.settings,
            },
          }
        : {}),
    },
    null,
    2,
  )}\n`;
}

/**
 * Runs written before the rename kept the gate in `summary.json`; re-rendering
 * one (`harness report`) removes that file when it is harness's gate, so no
 * k6 tool reads it as an (empty) k6 summary. Any other summary.json stays.
 */
export async function removeOldGateSummary(dir: string): Promise<boolean> {
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
