/**
 * Checks a topology before anything starts and works out its order: each
 * component's dependencies (`uses`, `replicaOf` and the components its env
 * templates name) and its level (0 = uses nothing). Starting follows dependencies;
 * stopping goes level by level from the top, the LIFO of starting.
 */

import type { ComponentSpec, Topology } from '../../../model/index.ts';
import { type InputProblem, InvalidInputError } from '../../../model/index.ts';
import { parseRefs } from './env-template.ts';
import type { LauncherFactory } from './launchers/index.ts';

export interface PlannedComponent {
  spec: ComponentSpec;
  deps: string[];
  level: number;
}

export function planStart(
  topology: Topology,
  launchers: Partial<Record<string, LauncherFactory>>,
): Map<string, PlannedComponent> {
  const problems: InputProblem[] = [];
  const byName = new Map<string, ComponentSpec>();
  topology.components.forEach((spec, i) => {
    if (byName.has(spec.name))
      problems.push({ path: `components[${i}].name`, message: `duplicate "${spec.name}"` });
    byName.set(spec.name, spec);
  });
  if (!byName.has(topology.entry))
    problems.push({ path: 'entry', message: `no component "${topology.entry}"` });

  const deps = new Map<string, string[]>();
  topology.components.forEach((spec, i) => {
    const at = `components[${i}]`;
    const factory = launchers[spec.kind];
    if (factory === undefined) {
      problems.push({
        path: `${at}.kind`,
        message: `kind "${spec.kind}" is not supported by the local runtime yet`,
      });
    } else problems.push(...(factory({}).validate?.(spec, at) ?? []));
    if (spec.kind === 'command' && !spec.command)
      problems.push({ path: `${at}.command`, message: 'required' });
    if (spec.kind === 'external' && !URL.canParse(spec.url ?? '')) {
      problems.push({ path: `${at}.url`, message: 'an absolute URL is required for an external component' });
    }
    if (spec.replicas !== undefined && (!Number.isInteger(spec.replicas) || spec.replicas < 1)) {
      problems.push({ path: `${at}.replicas`, message: 'must be an integer ≥ 1' });
    }
    const mine = new Set<string>();
    for (const used of spec.uses ?? []) {
      if (!byName.has(used)) problems.push({ path: `${at}.uses`, message: `no component "${used}"` });
      else mine.add(used);
    }
    if (spec.replicaOf !== undefined) {
      const primary = byName.get(spec.replicaOf);
      if (spec.kind !== 'postgres') {
        problems.push({ path: `${at}.replicaOf`, message: 'only a postgres component can be a replica' });
      } else if (primary?.kind !== 'postgres' || primary.replicaOf !== undefined) {
        problems.push({
          path: `${at}.replicaOf`,
          message: `"${spec.replicaOf}" must name a postgres component that is not itself a replica`,
        });
      } else mine.add(spec.replicaOf);
    }
    for (const [key, value] of Object.entries(spec.env ?? {})) {
      const { refs, malformed } = parseRefs(value);
      for (const text of malformed)
        problems.push({ path: `${at}.env.${key}`, message: `cannot read ${text}` });
      for (const ref of refs) {
        if (ref.component === 'self') continue;
        if (!byName.has(ref.component)) {
          problems.push({ path: `${at}.env.${key}`, message: `no component "${ref.component}"` });
        } else mine.add(ref.component);
      }
    }
    mine.delete(spec.name);
    deps.set(spec.name, [...mine]);
  });

  const levels = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (name: string): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name))
      throw new InvalidInputError(undefined, [
        { path: 'components', message: `dependency cycle through "${name}"` },
      ]);
    visiting.add(name);
    const level = Math.max(-1, ...(deps.get(name) ?? []).map(levelOf)) + 1;
    visiting.delete(name);
    levels.set(name, level);
    return level;
  };
  if (problems.length > 0) throw new InvalidInputError(undefined, problems, 'fix the topology');
  for (const name of byName.keys()) levelOf(name);

  const plan = new Map<string, PlannedComponent>();
  for (const spec of topology.components) {
    plan.set(spec.name, { spec, deps: deps.get(spec.name) ?? [], level: levels.get(spec.name) ?? 0 });
  }
  return plan;
}
