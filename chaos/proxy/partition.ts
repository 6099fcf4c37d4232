/**
 * A partition across several proxies (e.g. every edge into one component):
 * all cut together, all healed together. If one cannot be cut, the ones already
 * cut are healed before the error is rethrown.
 */
import type { FaultProxy, PartitionOptions, RevertHandle } from './types.ts';

export async function partition(
  proxies: readonly FaultProxy[],
  opts?: PartitionOptions,
): Promise<RevertHandle> {
  const settled = await Promise.allSettled(proxies.map((p) => p.partition(opts)));
  const handles = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  let reverted = false;
  const revert = async () => {
    if (reverted) return;
    reverted = true;
    await Promise.all(handles.map((h) => h.revert()));
  };
  if (failed) {
    await revert();
    throw failed.reason;
  }
  return { revert, [Symbol.asyncDispose]: revert };
}
