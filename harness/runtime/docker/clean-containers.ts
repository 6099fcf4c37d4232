/**
 * The docker part of `harness clean`: containers carrying `harness.run-id`
 * whose harness process is gone (its pid dead, or reused by a process with
 * another start time) are removed with `docker rm -f`. With `all`, those of
 * live owners too — never this process's own. No `docker` client or no
 * daemon: nothing to clean here, and no error.
 */

import { findOnPath } from '../host/find-binary.ts';
import { isAlive } from '../host/proc-fs.ts';
import { docker } from './docker-cli.ts';
import { label } from './labels.ts';

export interface ContainerCleanResult {
  containers: number;
  runs: string[];
  /** Runs whose containers were left alone: their harness is still running (without `all`). */
  live: { runId: string; ownerPid: number }[];
}

export async function removeLeftoverContainers(
  opts: { all?: boolean; log?: (line: string) => void } = {},
): Promise<ContainerCleanResult> {
  const log = opts.log ?? (() => {});
  const result: ContainerCleanResult = { containers: 0, runs: [], live: [] };
  if ((await findOnPath('docker')) === undefined) return result;
  const format = ['{{.ID}}', label.runId, label.instance, label.ownerPid, label.ownerStart]
    .map((l, i) => (i === 0 ? l : `{{.Label "${l}"}}`))
    .join('\t');
  const listed = await docker(['ps', '-a', '--filter', `label=${label.runId}`, '--format', format], {
    timeoutMs: 10_000,
  });
  if (listed.code !== 0) return result;

  const doomed: { id: string; runId: string; instance: string }[] = [];
  for (const line of listed.stdout.split('\n')) {
    const [id, runId, instance, ownerPid, ownerStart] = line.split('\t');
    if (!id || !runId) continue;
    const owner = Number(ownerPid);
    const start = Number(ownerStart);
    if (owner === process.pid) continue;
    const ownerGone = !(
      Number.isInteger(owner) &&
      owner > 0 &&
      isAlive(owner, start > 0 ? start : undefined)
    );
    if (ownerGone || opts.all === true) doomed.push({ id, runId, instance: instance ?? '?' });
    else if (!result.live.some((l) => l.runId === runId)) result.live.push({ runId, ownerPid: owner });
  }
  if (doomed.length === 0) return result;
  const removed = await docker(['rm', '-f', ...doomed.map((d) => d.id)], { timeoutMs: 60_000 });
  const gone = new Set(removed.stdout.split('\n').map((l) => l.trim()));
  for (const d of doomed) {
    if (!gone.has(d.id)) continue;
    result.containers++;
    if (!result.runs.includes(d.runId)) result.runs.push(d.runId);
    log(`removed container ${d.id} (${d.instance}) of run ${d.runId}`);
  }
  return result;
}
