import { describe, expect, it } from 'vitest';
import { judgeStep, planCapacity } from './planner.ts';
import { summarizeRepeats } from './repeats.ts';
import type { CapacityOptions, CapacityResult, CapacityStep } from './types.ts';

/**
 * A target as data: an M/M/1-like server of `mu` req/s. Below saturation it
 * serves everything and p99 grows as base / (1 − ρ); at or past it, it serves
 * `mu` and latency runs away. SLO: p(99) < `slo` ms.
 */
interface Target {
  mu: number;
  baseMs?: number;
  slo?: number;
  /** The generator cannot offer more than this: steps above are generator-bound. */
  generatorMax?: number;
  /** Mean CPU cores per component at a given offered rate. */
  cpu?: (offered: number) => Record<string, number>;
}

function measure(t: Target, offered: number): CapacityStep {
  const rho = offered / t.mu;
  const base = t.baseMs ?? 5;
  const p99 = rho < 1 ? base / (1 - rho) : 10_000;
  // past saturation the queue grows: it completes less than it could
  const achieved = rho < 1 ? offered : t.mu * 0.9;
  return {
    offered,
    achieved,
    durationS: 20,
    p95: p99 * 0.7,
    p99,
    errorRate: 0,
    dropped: 0,
    generatorBound: t.generatorMax !== undefined && offered > t.generatorMax,
    sloMet: p99 < (t.slo ?? 50),
    ...(t.cpu ? { cpu: t.cpu(offered) } : {}),
  };
}

/** Drives the planner to its result, as an orchestrator would; returns the rates it asked for. */
function search(t: Target, options: CapacityOptions): { rates: number[]; result: CapacityResult } {
  const steps: CapacityStep[] = [];
  const rates: number[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const d = planCapacity(steps, options);
    if (d.action === 'stop') return { rates, result: d.result };
    rates.push(d.rate);
    steps.push(measure(t, d.rate));
  }
  throw new Error('the planner never stopped');
}

describe('planCapacity', () => {
  it('steps up geometrically, then bisects to the knee (p99 < 50 ms holds below 720/s)', () => {
    // p99 = 5 / (1 − r/800) < 50  ⇔  r < 720
    const { rates, result } = search({ mu: 800 }, { startRate: 50 });
    expect(rates).toEqual([50, 100, 200, 400, 800, 600, 700, 750, 725]);
    expect(result.stop).toBe('converged');
    expect(result.capacity).toBe(700);
    expect(result.bracket).toEqual({ lower: 700, upper: 725, halfWidth: 12.5 });
    // the true knee lies inside the bracket
    expect(result.bracket.lower!).toBeLessThanOrEqual(720);
    expect(result.bracket.upper!).toBeGreaterThan(720);
    expect(result.bracket.upper! - result.bracket.lower!).toBeLessThanOrEqual(0.05 * result.capacity!);
    // the latency-vs-rate curve, in rate order
    expect(result.curve.map((p) => p.offered)).toEqual([50, 100, 200, 400, 600, 700, 725, 750, 800]);
    expect(result.curve.map((p) => p.verdict)).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
      'fail',
      'fail',
      'fail',
    ]);
    expect(result.curve.find((p) => p.offered === 800)!.failures).toEqual(['slo', 'throughput']);
    expect(result.curve.find((p) => p.offered === 725)!.failures).toEqual(['slo']);
  });

  it('finds a known service limit within the tolerance, whatever the start', () => {
    for (const [mu, startRate, tolerance] of [
      [1000, 10, 0.05],
      [1000, 333, 0.05],
      [250, 1000, 0.02],
      [12_000, 100, 0.1],
    ] as const) {
      const knee = mu * 0.9;
      const { result } = search({ mu }, { startRate, tolerance });
      expect(result.stop, `mu ${mu}`).toBe('converged');
      expect(result.capacity!, `mu ${mu}`).toBeLessThanOrEqual(knee);
      expect(result.capacity!, `mu ${mu}`).toBeGreaterThanOrEqual(knee * (1 - tolerance) - 1);
    }
  });

  it('steps down when the first rate already fails', () => {
    // knee at 0.9 × 40 = 36/s
    const { rates, result } = search({ mu: 40 }, { startRate: 100 });
    expect(rates.slice(0, 3)).toEqual([100, 50, 25]);
    expect(result.stop).toBe('converged');
    expect(result.capacity!).toBeGreaterThan(36 * 0.95);
    expect(result.capacity!).toBeLessThanOrEqual(36);
  });

  it('never counts a generator-bound step: it retries once, narrows below the ceiling, and stops with a lower bound', () => {
    // The target holds 720/s, but the generator cannot offer more than 300/s.
    const { rates, result } = search({ mu: 800, generatorMax: 300 }, { startRate: 50 });
    // 400/s twice makes the ceiling; below it each bound rate is a lower ceiling at once
    expect(rates).toEqual([50, 100, 200, 400, 400, 300, 350, 325, 313]);
    expect(result.stop).toBe('generator');
    expect(result.capacity).toBe(300);
    expect(result.bracket).toEqual({ lower: 300, upper: null, halfWidth: null });
    expect(result.curve.filter((p) => p.verdict === 'generator-bound').map((p) => p.offered)).toEqual([
      313, 325, 350, 400, 400,
    ]);
    // 400/s met the SLO, yet it is not the target's capacity
    expect(result.curve.find((p) => p.offered === 400)!.failures).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/could not offer 313\/s.*at least 300\/s/);
  });

  it('a generator-bound bisection point ends the search inside its bracket, the lower bound narrowed below it', () => {
    // 800/s failed (measured); the bisection point 600/s is generator-bound twice: the search cannot look inside
    const steps: CapacityStep[] = [measure({ mu: 800 }, 400), measure({ mu: 800 }, 800)];
    const d1 = planCapacity(steps, { startRate: 400 });
    expect(d1).toMatchObject({ action: 'run', rate: 600, phase: 'bisect' });
    steps.push({ ...measure({ mu: 800 }, 600), generatorBound: true });
    const d2 = planCapacity(steps, { startRate: 400 });
    expect(d2).toMatchObject({ action: 'run', rate: 600, phase: 'retry' });
    steps.push({ ...measure({ mu: 800 }, 600), generatorBound: true });
    // 600/s is the generator's ceiling: bisect below it, between 400 (held) and 600
    const d3 = planCapacity(steps, { startRate: 400 });
    expect(d3).toMatchObject({ action: 'run', rate: 500, phase: 'bisect' });
    steps.push(measure({ mu: 800 }, 500), { ...measure({ mu: 800 }, 550), generatorBound: true });
    const d4 = planCapacity(steps, { startRate: 400 });
    expect(d4).toMatchObject({ action: 'run', rate: 525, phase: 'bisect' });
    steps.push({ ...measure({ mu: 800 }, 525), generatorBound: true });
    const d5 = planCapacity(steps, { startRate: 400 });
    expect(d5.action).toBe('stop');
    if (d5.action !== 'stop') return;
    expect(d5.result).toMatchObject({
      stop: 'generator',
      capacity: 500,
      bracket: { lower: 500, upper: 800 },
    });
  });

  it('tries the failure that ends the step-up once more when the target kept up, and counts its last try', () => {
    const o = { startRate: 100 };
    const held = (offered: number): CapacityStep => ({
      ...measure({ mu: 10_000 }, offered),
      sloMet: true,
      p99: 10,
    });
    const slow = (offered: number): CapacityStep => ({ ...held(offered), sloMet: false, p99: 90 });
    // 400/s missed the SLO but kept up: one slow second of a shared machine?
    const steps = [held(100), held(200), slow(400)];
    expect(planCapacity(steps, o)).toMatchObject({ action: 'run', rate: 400, phase: 'retry' });
    // it held on the retry: counted as held, the step-up goes on
    steps.push(held(400));
    expect(planCapacity(steps, o)).toMatchObject({ action: 'run', rate: 800, phase: 'step-up' });
    // 800/s fails twice: confirmed, it bounds the knee; a later failure inside the bracket is not retried
    steps.push(slow(800));
    expect(planCapacity(steps, o)).toMatchObject({ action: 'run', rate: 800, phase: 'retry' });
    steps.push(slow(800));
    expect(planCapacity(steps, o)).toMatchObject({ action: 'run', rate: 600, phase: 'bisect' });
    steps.push(slow(600));
    expect(planCapacity(steps, o)).toMatchObject({ action: 'run', rate: 500, phase: 'bisect' });
    steps.push(held(500), held(550), held(575));
    const d = planCapacity(steps, o);
    if (d.action !== 'stop') throw new Error('expected a stop');
    expect(d.result).toMatchObject({ stop: 'converged', capacity: 575, bracket: { lower: 575, upper: 600 } });
    expect(d.result.notes).toContain('400/s failed once and held on a retry: counted as held');
  });

  it('does not retry a failure where the target fell behind the offered rate', () => {
    const steps = [measure({ mu: 300 }, 100), measure({ mu: 300 }, 200), measure({ mu: 300 }, 400)];
    expect(steps[2]!.achieved).toBeLessThan(0.95 * 400);
    expect(planCapacity(steps, { startRate: 100 })).toMatchObject({
      action: 'run',
      rate: 300,
      phase: 'bisect',
    });
  });

  it('a failure retried into generator-bound steps becomes a ceiling, not an endless retry', () => {
    // Seen on a busy machine: 6400/s bound, failed (dropped), then bound on every retry until maxSteps.
    const o = { startRate: 800 };
    const held = (offered: number) => measure({ mu: 100_000 }, offered);
    const bound = (offered: number) => ({ ...held(offered), generatorBound: true });
    const dropped = (offered: number) => ({ ...held(offered), dropped: offered * 20 * 0.05 });
    const steps: CapacityStep[] = [held(800), held(1600), bound(3200), held(3200), bound(6400)];
    expect(planCapacity(steps, o)).toMatchObject({ action: 'run', rate: 6400, phase: 'retry' });
    steps.push(dropped(6400));
    expect(planCapacity(steps, o)).toMatchObject({ action: 'run', rate: 6400, phase: 'retry' });
    steps.push(bound(6400));
    expect(planCapacity(steps, o)).toMatchObject({ action: 'run', rate: 6400, phase: 'retry' });
    steps.push(bound(6400));
    // twice bound since its failure: the search bisects between 3200 (held) and the failure
    expect(planCapacity(steps, o)).toMatchObject({ action: 'run', rate: 4800, phase: 'bisect' });
  });

  it('a generator-bound step that passes on retry counts as a normal step', () => {
    const steps = [measure({ mu: 800 }, 100), { ...measure({ mu: 800 }, 200), generatorBound: true }];
    expect(planCapacity(steps, { startRate: 100 })).toMatchObject({
      action: 'run',
      rate: 200,
      phase: 'retry',
    });
    steps.push(measure({ mu: 800 }, 200));
    expect(planCapacity(steps, { startRate: 100 })).toMatchObject({
      action: 'run',
      rate: 400,
      phase: 'step-up',
    });
  });

  it('stops at maxRate when even that holds, and at minRate when nothing does', () => {
    const high = search({ mu: 100_000 }, { startRate: 100, maxRate: 1500 });
    expect(high.rates).toEqual([100, 200, 400, 800, 1500]);
    expect(high.result).toMatchObject({ stop: 'max-rate', capacity: 1500, bracket: { upper: null } });

    const dead = search({ mu: 0.5 }, { startRate: 64, minRate: 1 });
    expect(dead.rates).toEqual([64, 32, 16, 8, 4, 2, 1]);
    expect(dead.result).toMatchObject({
      stop: 'min-rate',
      capacity: null,
      bracket: { lower: null, upper: 1 },
    });
  });

  it('stops when the step budget runs out, keeping the bracket so far', () => {
    const { rates, result } = search({ mu: 800 }, { startRate: 50, maxSteps: 6 });
    expect(rates).toHaveLength(6);
    expect(result).toMatchObject({ stop: 'max-steps', capacity: 600, bracket: { lower: 600, upper: 800 } });
    expect(result.notes.join('\n')).toMatch(/after 6 steps/);
  });

  it('stays below the lowest failure when noise makes the curve non-monotonic', () => {
    const t = { mu: 800 };
    const steps = [measure(t, 400), { ...measure(t, 500), sloMet: false }, measure(t, 600)];
    const d = planCapacity(steps, { startRate: 400, tolerance: 0.15 });
    expect(d).toMatchObject({ action: 'run', rate: 450, phase: 'bisect' });
    steps.push(measure(t, 450));
    const end = planCapacity(steps, { startRate: 400, tolerance: 0.15 });
    expect(end.action).toBe('stop');
    if (end.action !== 'stop') return;
    expect(end.result.capacity).toBe(450);
    expect(end.result.notes.join('\n')).toMatch(/not monotonic: 600\/s held above the failing 500\/s/);
  });

  it('names the component using the most CPU at the first failing rate', () => {
    const cpu = (r: number) => ({ app: Math.min(1, r / 800), postgres: r / 2000 });
    const { result } = search({ mu: 800, cpu }, { startRate: 100 });
    expect(result.hottest).toEqual({ component: 'app', cores: cpu(result.bracket.upper!).app, atRate: 725 });
  });

  it('rejects impossible options, every problem at once', () => {
    expect(() => planCapacity([], { startRate: 0, growth: 1, tolerance: 0 })).toThrow(
      /startRate must be > 0.*growth must be > 1.*tolerance must be > 0/,
    );
  });
});

describe('judgeStep', () => {
  const ok: CapacityStep = {
    offered: 100,
    achieved: 99,
    durationS: 10,
    p95: 5,
    p99: 8,
    errorRate: 0,
    dropped: 0,
    generatorBound: false,
    sloMet: true,
  };
  const o = { throughputFloor: 0.95, maxDroppedRatio: 0.01 };

  it('holds when the SLO held, the target kept up and (almost) nothing was dropped', () => {
    expect(judgeStep(ok, o)).toEqual({ verdict: 'pass', failures: [] });
    expect(judgeStep({ ...ok, dropped: 10 }, o)).toEqual({ verdict: 'pass', failures: [] });
  });

  it('fails on the SLO, on falling behind and on dropped iterations, naming each', () => {
    expect(judgeStep({ ...ok, sloMet: false, achieved: 90, dropped: 11 }, o)).toEqual({
      verdict: 'fail',
      failures: ['slo', 'throughput', 'dropped'],
    });
  });

  it('a generator-bound step is neither pass nor fail', () => {
    expect(judgeStep({ ...ok, generatorBound: true, sloMet: false }, o)).toEqual({
      verdict: 'generator-bound',
      failures: ['slo'],
    });
  });
});

describe('summarizeRepeats', () => {
  const r = (capacity: number | null, halfWidth: number | null): CapacityResult => ({
    capacity,
    bracket: { lower: capacity, upper: null, halfWidth },
    stop: 'converged',
    curve: [],
    hottest: null,
    steps: 8,
    notes: [],
  });

  it('gives the median capacity, the spread between repeats and the widest bracket', () => {
    expect(summarizeRepeats([r(700, 12.5), r(650, 20), r(720, 10)])).toEqual({
      capacity: 700,
      min: 650,
      max: 720,
      spread: 0.1,
      halfWidth: 20,
      repeats: 3,
    });
  });

  it('has no spread with one capacity, and no capacity when none was found', () => {
    expect(summarizeRepeats([r(700, 12.5), r(null, null)])).toMatchObject({
      capacity: 700,
      spread: null,
      repeats: 2,
    });
    expect(summarizeRepeats([r(null, null)])).toMatchObject({ capacity: null, min: null, spread: null });
  });
});
