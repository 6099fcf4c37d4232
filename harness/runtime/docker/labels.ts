/**
 * The labels on every container harness starts. `harness.run-id` is what
 * `harness clean` looks for; the owner's pid and start time tell a run whose
 * harness died (its containers are leftovers) from one that is still going.
 */
import { readStat } from '../host/proc-fs.ts';

export const label = {
  runId: 'harness.run-id',
  instance: 'harness.instance',
  component: 'harness.component',
  ownerPid: 'harness.owner-pid',
  ownerStart: 'harness.owner-start',
} as const;

export function containerLabels(runId: string, instance: string, component: string): Record<string, string> {
  return {
    [label.runId]: runId,
    [label.instance]: instance,
    [label.component]: component,
    [label.ownerPid]: String(process.pid),
    [label.ownerStart]: String(readStat(process.pid)?.startTicks ?? 0),
  };
}
