/**
 * The targets room's door: the built-in architectures (an explicit name →
 * architecture map, architectures.ts) and the functions that resolve a
 * scenario's `{ arch, params }` into a Topology, list them, and run their
 * own integrity checks.
 */
import type { InputProblem, Topology } from '../model/index.ts';
import { InvalidInputError } from '../model/index.ts';
import { type ArchitectureName, architectureOf, architectures } from './architectures.ts';
import type { Architecture } from './plug/architecture.ts';
import { defaults, describeParam, paramProblems } from './plug/params.ts';
import { resilienceParams } from './plug/resilience-params.ts';
import type { ArchitectureVerify } from './plug/verify.ts';

export { type ArchitectureName, architectures } from './architectures.ts';
export type { Architecture } from './plug/architecture.ts';
export type { ArchitectureVerify, IntegrityCheck, VerifyContext } from './plug/verify.ts';

export interface ResolvedArchitecture {
  name: ArchitectureName;
  architecture: Architecture;
  /** Defaults with the scenario's params merged over them. */
  params: Record<string, unknown>;
  topology: Topology;
}

/**
 * Every problem with `{ arch: name, params }`, with paths relative to the target
 * (`arch`, `params.poolSize`); empty when it resolves.
 */
export function architectureProblems(name: string, params: Record<string, unknown> = {}): InputProblem[] {
  const arch = architectureOf(name);
  if (arch === undefined) {
    return [
      {
        path: 'arch',
        message: `unknown architecture "${name}"; available: ${Object.keys(architectures).join(', ')}`,
      },
    ];
  }
  return paramProblems(name, arch.params, params);
}

/** Merges `params` over the architecture's defaults and builds its topology; throws InvalidInputError. */
export function resolveArchitecture(
  name: string,
  params: Record<string, unknown> = {},
): ResolvedArchitecture {
  const problems = architectureProblems(name, params);
  const arch = architectureOf(name);
  if (problems.length > 0 || arch === undefined) {
    throw new InvalidInputError(
      `architecture "${name}"`,
      problems,
      'run `harness targets` to list architectures and their parameters',
    );
  }
  const merged = { ...defaults(arch.params), ...params };
  return {
    name: name as ArchitectureName,
    architecture: arch,
    params: merged,
    topology: arch.topology(merged as never),
  };
}

/** `resolveArchitecture(name, params).topology`: the runner's ArchitectureResolver. */
export function resolveTopology(name: string, params: Record<string, unknown> = {}): Topology {
  return resolveArchitecture(name, params).topology;
}

/** The architecture's own integrity checks beyond the ledger, if it has any (plug/verify.ts). */
export function architectureVerify(name: string): ArchitectureVerify | undefined {
  return architectureOf(name)?.verify;
}

/**
 * The `harness targets` listing: each architecture, its components and its
 * own parameters; the resilience parameters every one of them takes, once at the end.
 */
export function formatArchitectures(): string {
  const shared = new Set(Object.keys(resilienceParams));
  const blocks = Object.keys(architectures).map((name) => {
    const arch = architectureOf(name)!;
    const topo = arch.topology(defaults(arch.params) as never);
    const own = Object.entries(arch.params).filter(([k]) => !shared.has(k));
    const components = topo.components
      .map((c) => `${c.name}${(c.replicas ?? 1) > 1 ? ` ×${c.replicas}` : ''} (${c.kind})`)
      .join(', ');
    return [
      `${name}: ${arch.description}`,
      `  components: ${components}`,
      '  params:',
      ...own.map(([k, spec]) => `    ${describeParam(k, spec)}`),
      ...(Object.keys(arch.params).some((k) => shared.has(k)) ? ['    + the resilience params below'] : []),
    ].join('\n');
  });
  const resilience = Object.entries(resilienceParams).map(([k, spec]) => `    ${describeParam(k, spec)}`);
  return [...blocks, ['every architecture also takes:', ...resilience].join('\n')].join('\n\n');
}
