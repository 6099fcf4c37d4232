/** The gate as JSON (`gate.json`; not named summary.json, so no tool takes it for a k6 summary): the verdict, every check and the comparison, without raw intervals. */
import type { GateOutcome } from '../model/index.ts';

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
