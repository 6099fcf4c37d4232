/**
 * Turns a planned target into a topology the runtime can start: a built-in
 * architecture from `targets/`, or the user's own service — already running
 * at a URL, or started by harness with a command.
 */

import type { Topology } from '../../model/index.ts';
import { parseDuration } from '../../model/index.ts';
import type { PlannedTarget } from '../plan/plan.ts';

export type ArchitectureResolver = (name: string, params: Record<string, unknown>) => Topology;

export function targetTopology(target: PlannedTarget, resolveArch: ArchitectureResolver): Topology {
  const spec = target.spec;
  if ('arch' in spec) return resolveArch(spec.arch, spec.params ?? {});
  if ('url' in spec) {
    return {
      name: target.name,
      description: `an already running service at ${spec.url}`,
      entry: 'service',
      components: [
        { name: 'service', kind: 'external', url: spec.url, ...(spec.health ? { health: spec.health } : {}) },
      ],
    };
  }
  return {
    name: target.name,
    description: `a service started with: ${spec.command}`,
    entry: 'service',
    components: [
      {
        name: 'service',
        kind: 'command',
        command: spec.command,
        ...(spec.port ? { port: spec.port } : {}),
        startTimeoutMs: parseDuration(spec.startTimeout),
        ...(spec.cwd ? { cwd: spec.cwd } : {}),
        ...(spec.env ? { env: spec.env } : {}),
        ...(spec.health ? { health: spec.health } : {}),
      },
    ],
  };
}
