/**
 * `limit()` as `docker update`: `--cpus` is NanoCpus (CPU time per second,
 * in billionths of a core), `--memory` is Memory, with MemorySwap held to the
 * same so the limit bites instead of swapping.
 *
 * Revert puts back what the container had. For "no limit" Docker has no
 * value: an update with 0 leaves a limit as it is and -1 is refused
 * (moby/moby#22516) — so "none" comes back as the whole machine: every core
 * and all of its memory, which limits nothing.
 */
import { availableParallelism, totalmem } from 'node:os';
import type { ResourceLimits } from '../../../model/index.ts';
import type { DockerContainer } from './testcontainers-module.ts';

export interface AppliedLimits {
  describe: string;
  revert(): Promise<void>;
}

/** What a revert sets for a limit that was not there: this machine's size. */
export function unlimited(): { NanoCpus: number; Memory: number } {
  return { NanoCpus: availableParallelism() * 1e9, Memory: totalmem() };
}

export async function applyLimits(
  container: DockerContainer,
  limits: ResourceLimits,
): Promise<AppliedLimits> {
  const before = (await container.inspect()).HostConfig;
  const update: Record<string, number> = {};
  const restore: Record<string, number> = {};
  if (limits.cpus !== undefined) {
    update.NanoCpus = Math.round(limits.cpus * 1e9);
    restore.NanoCpus = before.NanoCpus || unlimited().NanoCpus;
  }
  if (limits.memoryBytes !== undefined) {
    update.Memory = limits.memoryBytes;
    update.MemorySwap = limits.memoryBytes;
    restore.Memory = before.Memory || unlimited().Memory;
    // Swap as it was when there was a limit; else held to memory (v1 wants memory ≤ memory+swap).
    restore.MemorySwap = before.Memory ? (before.MemorySwap ?? restore.Memory) : restore.Memory;
  }
  await container.update(update);
  const what = [
    limits.cpus === undefined ? '' : `${limits.cpus} cpus`,
    limits.memoryBytes === undefined ? '' : `${limits.memoryBytes} bytes`,
  ].filter(Boolean);
  return { describe: what.join(', '), revert: () => container.update(restore).then(() => {}) };
}
