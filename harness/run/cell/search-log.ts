/** The progress lines of a capacity search: what each step found, and what the search concluded. */
import type { CapacitySearch, CapacityStepRecord } from '../../../model/index.ts';

export function describeStep(r: CapacityStepRecord): string {
  const verdict =
    r.verdict === 'pass'
      ? 'held'
      : r.verdict === 'generator-bound'
        ? 'generator-bound (not counted)'
        : `failed (${r.failures.join(', ')})`;
  const machine = r.machine
    ? `, machine ${r.machine.busyCores.toFixed(2)} of ${r.machine.cores} cores busy`
    : '';
  return (
    `step ${r.index}: ${r.offered}/s → ${verdict}: achieved ${r.achieved.toFixed(1)}/s, p99 ${ms(r.p99)}, ` +
    `errors ${r.errorRate === null ? '–' : `${(r.errorRate * 100).toFixed(2)} %`}` +
    `${r.dropped > 0 ? `, ${r.dropped} dropped` : ''}; generator ${r.generator.meanCores.toFixed(2)} cores${machine}`
  );
}

export function describeSearch(s: CapacitySearch, repeats: number): string {
  const which = repeats > 1 ? `search ${s.repeat}: ` : '';
  const { lower, upper } = s.bracket;
  const capacity =
    s.capacity === null
      ? 'no rate met the SLO'
      : `capacity ${s.capacity}/s (${upper === null ? 'a lower bound' : `knee between ${lower}/s and ${upper}/s`})`;
  const bottleneck = s.bottleneck ? `; bottleneck: ${s.bottleneck.reason}` : '';
  return `${which}${capacity} after ${s.steps} steps, stopped: ${s.stop}${bottleneck}`;
}

function ms(v: number | null): string {
  if (v === null) return '–';
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ms`;
}
