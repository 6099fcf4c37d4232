/** The record of one applied fault: timestamps, and an idempotent revert that stamps its own. */
import type { FaultSpec, Revertible } from '../../model/index.ts';
import { faultLabel, faultTarget } from '../faults/label.ts';
import type { AppliedFault, FaultRecord } from './types.ts';

export function appliedFault(
  fault: FaultSpec,
  handle: Revertible | null,
  times: { requestedAt: number; appliedAt: number },
  now: () => number = Date.now,
): AppliedFault {
  let reverting: Promise<void> | undefined;
  let revertedAt: number | undefined;
  let revertError: string | undefined;
  const revert = (): Promise<void> => {
    reverting ??= (async () => {
      if (handle === null) return;
      try {
        await handle.revert();
        revertedAt = now();
      } catch (error) {
        revertError = error instanceof Error ? error.message : String(error);
        throw error;
      }
    })();
    return reverting;
  };
  const applied: AppliedFault = {
    fault,
    kind: fault.kind,
    target: faultTarget(fault),
    label: faultLabel(fault),
    requestedAt: times.requestedAt,
    appliedAt: times.appliedAt,
    reversible: handle !== null,
    get revertedAt() {
      return revertedAt;
    },
    get revertError() {
      return revertError;
    },
    revert,
    [Symbol.asyncDispose]: revert,
    toJSON(): FaultRecord {
      return {
        kind: fault.kind,
        target: applied.target,
        label: applied.label,
        requestedAt: times.requestedAt,
        appliedAt: times.appliedAt,
        ...(revertedAt === undefined ? {} : { revertedAt }),
        ...(revertError === undefined ? {} : { revertError }),
        fault,
      };
    },
  };
  return applied;
}

/** One handle over several (one per instance or proxy): reverts them all, reports the first failure. */
export function allOf(handles: readonly Revertible[]): Revertible {
  return {
    async revert() {
      const results = await Promise.allSettled(handles.map((h) => h.revert()));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

/** Applies `apply` to each item in turn; if one fails, takes back those already applied, then rethrows. */
export async function applyEach<T>(
  items: readonly T[],
  apply: (item: T) => Promise<Revertible>,
): Promise<Revertible> {
  const done: Revertible[] = [];
  try {
    for (const item of items) done.push(await apply(item));
  } catch (error) {
    await allOf(done)
      .revert()
      .catch(() => {});
    throw error;
  }
  return allOf(done);
}
