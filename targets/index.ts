/**
 * The targets room's door: the built-in architectures (an explicit name → definition
 * map) and the functions that resolve a scenario's `{ arch, params }` into a Topology.
 */

import type { Topology, TopologyDefinition } from '../model/index.ts';
import { type InputProblem, InvalidInputError } from '../model/index.ts';
import { cached } from './topologies/cached.ts';
import { monolith } from './topologies/monolith.ts';
import { paramChecks } from './topologies/params.ts';
import { queued } from './topologies/queued.ts';
import { replicated } from './topologies/replicated.ts';
import { sharded } from './topologies/sharded.ts';

export const architectures = { monolith, cached, replicated, sharded, queued } as const;
export type ArchitectureName = keyof typeof architectures;

export interface ResolvedArchitecture {
  name: ArchitectureName;
  definition: TopologyDefinition;
  /** Defaults with the scenario's params merged over them. */
  params: Record<string, unknown>;
  topology: Topology;
}

function lookup(name: string): TopologyDefinition | undefined {
  return Object.hasOwn(architectures, name)
    ? (architectures[name as ArchitectureName] as unknown as TopologyDefinition)
    : undefined;
}

/**
 * Every problem with `{ arch: name, params }`, with paths relative to the target
 * (`arch`, `params.poolSize`); empty when it resolves.
 */
export function architectureProblems(name: string, params: Record<string, unknown> = {}): InputProblem[] {
  const def = lookup(name);
  if (def === undefined) {
    return [
      {
        path: 'arch',
        message: `unknown architecture "${name}"; available: ${Object.keys(architectures).join(', ')}`,
      },
    ];
  }
  const problems: InputProblem[] = [];
  const valid = Object.keys(def.defaults);
  for (const [key, value] of Object.entries(params)) {
    const path = `params.${key}`;
    if (!valid.includes(key)) {
      problems.push({
        path,
        message: `unknown parameter for "${name}"; valid: ${valid.length > 0 ? valid.join(', ') : '(none)'}`,
      });
      continue;
    }
    const expected = typeof def.defaults[key];
    if (typeof value !== expected) {
      problems.push({
        path,
        message: `must be a ${expected}, got ${value === null ? 'null' : typeof value}`,
      });
      continue;
    }
    const message = paramChecks[key]?.(value);
    if (message !== undefined) problems.push({ path, message: `${message}, got ${JSON.stringify(value)}` });
  }
  return problems;
}

/** Merges `params` over the architecture's defaults and builds its topology; throws InvalidInputError. */
export function resolveArchitecture(
  name: string,
  params: Record<string, unknown> = {},
): ResolvedArchitecture {
  const problems = architectureProblems(name, params);
  const def = lookup(name);
  if (problems.length > 0 || def === undefined) {
    throw new InvalidInputError(
      `architecture "${name}"`,
      problems,
      'run `harness targets` to list architectures and their parameters',
    );
  }
  const merged = { ...def.defaults, ...params };
  return { name: name as ArchitectureName, definition: def, params: merged, topology: def.build(merged) };
}

/** `resolveArchitecture(name, params).topology`: the runner's ArchitectureResolver. */
export function resolveTopology(name: string, params: Record<string, unknown> = {}): Topology {
  return resolveArchitecture(name, params).topology;
}

/** The `harness targets` listing: each architecture, its components and parameters. */
export function formatArchitectures(): string {
  const blocks = Object.entries(architectures).map(([name, d]) => {
    const def = d as unknown as TopologyDefinition;
    const topo = def.build(def.defaults);
    const help = (def.paramHelp ?? {}) as Record<string, string | undefined>;
    const params = Object.entries(def.defaults).map(
      ([k, v]) => `    ${k} = ${JSON.stringify(v)}${help[k] === undefined ? '' : `  — ${help[k]}`}`,
    );
    const components = topo.components.map((c) => `${c.name} (${c.kind})`).join(', ');
    return [`${name}: ${def.description}`, `  components: ${components}`, '  params:', ...params].join('\n');
  });
  return blocks.join('\n\n');
}
