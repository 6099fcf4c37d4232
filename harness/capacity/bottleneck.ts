/**
 * Where the bottleneck of a capacity search was, judged at its knee: the
 * first rate that failed (else, when none did, the highest that held).
 *
 * How it decides, in order:
 * 1. the search stopped because the load generator could not offer more →
 *    `generator` (its CPU or event-loop lag over the step, engine/self-watch)
 *    — unless it lagged on a fraction of its core while the machine's cores
 *    were all busy: then it was starved by the target (and whatever else
 *    ran), and the answer is `machine`;
 * 2. an instance of the target used ≥ SATURATED of the CPU it can use at the
 *    knee, or at the lowest failing rate above it where one did (a process
 *    that reads 0.7 core at the knee and 0.94 at twice the rate is the one
 *    that ran out) → `component`, the most utilised one. A single-threaded process (the Node
 *    service, a worker, Redis, HAProxy with nbthread 1) can use one core;
 *    Postgres (a process per connection), NATS (Go) and a user's own service
 *    can use every core of the machine;
 * 3. no instance was saturated, but the machine's cores were ≥ MACHINE_BUSY
 *    busy (target, generator and every other process together, /proc/stat)
 *    → `machine`: on a shared or small machine the target ran out of CPU
 *    it could get, not of CPU it could use;
 * 4. otherwise `none`: nothing was CPU-bound — the limit is a lock, I/O, a
 *    pool, a queue or a service time, which CPU figures cannot name; when
 *    other processes used ≥ SHARED of the machine during that step, it says
 *    so: on a shared machine their CPU shows up as the target's tail latency.
 */
import type {
  CapacityBottleneck,
  CapacityResult,
  CapacityStepRecord,
  ComponentLoad,
} from '../../model/index.ts';
import { CPU_BOUND_CORES } from '../engine/index.ts';

/** The generator's own CPU, in cores per thread, at which it is CPU-bound (engine/generator-verdict). */
const GENERATOR_CPU_BOUND = CPU_BOUND_CORES;

/** An instance at this share of the CPU it can use is saturated. */
export const SATURATED = 0.85;
/** The machine at this share of its cores is busy. */
export const MACHINE_BUSY = 0.9;
/** Other processes using this share of the machine's cores make it a shared machine. */
export const SHARED = 0.25;

/** Component kinds that run on one thread: one core is all one instance can use. */
export const SINGLE_CORE_KINDS: ReadonlySet<string> = new Set(['service', 'worker', 'redis', 'haproxy']);

export function limitCores(kind: string, machineCores: number): number {
  return SINGLE_CORE_KINDS.has(kind) ? 1 : machineCores;
}

export function findBottleneck(
  result: CapacityResult,
  steps: readonly CapacityStepRecord[],
  machineCores: number,
): CapacityBottleneck | null {
  if (result.stop === 'generator') {
    const bound = steps.filter((s) => s.verdict === 'generator-bound').at(-1);
    if (bound) {
      const components = componentLoads(bound, machineCores);
      const g = bound.generator;
      const m = bound.machine;
      // A generator that lagged on a fraction of its core was starved of CPU, not short of it.
      if (g.maxCores < GENERATOR_CPU_BOUND * g.threads && m && m.busyCores >= MACHINE_BUSY * m.cores)
        return {
          kind: 'machine',
          atRate: bound.offered,
          step: bound.index,
          reason: `the load generator fell behind at ${rate(bound.offered)} (${g.notes.join('; ') || 'generator-bound'}) while using ${cores(g.meanCores)} of its ${cores(g.threads)}: the machine's ${m.cores} cores were ${pct(m.busyCores / m.cores)} busy — ${shares(bound, m.busyCores)}. ${result.capacity === null ? 'On this machine no capacity was measured: no step held with the generator on time' : `On this machine the capacity is at least ${rate(result.capacity)}`}; give the load generator cores of its own to look further`,
          components,
        };
      return {
        kind: 'generator',
        atRate: bound.offered,
        step: bound.index,
        reason: `the load generator could not offer ${rate(bound.offered)}: ${g.notes.join('; ') || 'generator-bound'}`,
        components,
      };
    }
  }
  const at = result.bracket.upper ?? result.bracket.lower;
  if (at === null) return null;
  const step = steps.filter((s) => s.offered === at && s.verdict !== 'generator-bound').at(-1);
  if (step === undefined) return null;
  const components = componentLoads(step, machineCores);
  const top = components[0];
  const where = result.bracket.upper === at ? `at ${rate(at)}, the first rate that failed` : `at ${rate(at)}`;
  // The knee's own step, or a failing step above it: what saturates as the load passes the knee.
  const saturated = [step, ...steps.filter((s) => s.verdict === 'fail' && s.offered > at)]
    .map((s) => ({ s, c: componentLoads(s, machineCores)[0] }))
    .filter(
      (x): x is { s: CapacityStepRecord; c: ComponentLoad } =>
        x.c !== undefined && x.c.utilization >= SATURATED,
    )
    .sort((a, b) => a.s.offered - b.s.offered)[0];
  if (saturated !== undefined) {
    const { s: hot, c } = saturated;
    const instance = hot.instances.find((i) => i.component === c.component && i.cores === c.cores)?.instance;
    const there =
      hot === step
        ? where
        : `at ${rate(hot.offered)}, past the first rate that failed (${rate(at)}: ${pct(components.find((x) => x.component === c.component)?.utilization ?? 0)})`;
    return {
      kind: 'component',
      component: c.component,
      ...(instance ? { instance } : {}),
      atRate: hot.offered,
      step: hot.index,
      reason: `${instance ?? c.component} (${c.kind}) used ${cores(c.cores)} of the ${cores(c.limitCores)} it can use (${pct(c.utilization)}) ${there}`,
      components: componentLoads(hot, machineCores),
    };
  }
  const m = step.machine;
  if (m && m.busyCores >= MACHINE_BUSY * m.cores) {
    return {
      kind: 'machine',
      atRate: at,
      step: step.index,
      reason: `no instance was saturated, but the machine's ${m.cores} cores were ${pct(m.busyCores / m.cores)} busy ${where}: ${shares(step, m.busyCores)}`,
      components,
    };
  }
  const shared = m ? otherCores(step, m.busyCores) : 0;
  return {
    kind: 'none',
    atRate: at,
    step: step.index,
    reason:
      `nothing was CPU-bound ${where}${top ? ` (busiest: ${top.component} at ${pct(top.utilization)} of ${cores(top.limitCores)})` : ''}: the limit is not CPU — a lock, I/O, a pool, a queue or a service time` +
      (m && shared >= SHARED * m.cores
        ? `, or the machine's other processes, which used ${cores(shared)} of its ${m.cores} cores during this step (a shared machine adds tail latency: re-measure it quiet)`
        : ''),
    components,
  };
}

/** Cores the machine spent on neither the target nor the load generator during a step. */
export function otherCores(step: CapacityStepRecord, busy: number): number {
  const target = step.instances.reduce((n, i) => n + i.cores, 0);
  return Math.max(0, busy - target - step.generator.meanCores);
}

/** Each component at a step: its busiest instance against what one instance can use, most utilised first. */
export function componentLoads(step: CapacityStepRecord, machineCores: number): ComponentLoad[] {
  const by = new Map<string, ComponentLoad>();
  for (const i of step.instances) {
    const limit = limitCores(i.kind, machineCores);
    const seen = by.get(i.component);
    if (seen === undefined)
      by.set(i.component, {
        component: i.component,
        kind: i.kind,
        instances: 1,
        cores: i.cores,
        limitCores: limit,
        utilization: i.cores / limit,
      });
    else {
      seen.instances += 1;
      if (i.cores > seen.cores) {
        seen.cores = i.cores;
        seen.utilization = i.cores / limit;
      }
    }
  }
  return [...by.values()].sort((a, b) => b.utilization - a.utilization);
}

/** Who used the machine's busy cores during a step: `the target 1.3 cores, the load generator 0.4 cores, other processes 0.25 cores`. */
function shares(step: CapacityStepRecord, busy: number): string {
  const target = step.instances.reduce((n, i) => n + i.cores, 0);
  return `the target ${cores(target)}, the load generator ${cores(step.generator.meanCores)}, other processes ${cores(otherCores(step, busy))}`;
}

const rate = (r: number) => `${r}/s`;
const cores = (c: number) => `${Number(c.toFixed(2))} core${c === 1 ? '' : 's'}`;
const pct = (x: number) => `${Math.round(x * 100)} %`;
