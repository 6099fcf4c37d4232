import { describe, expect, it } from 'vitest';
import type { IntervalSample, ResourceSample } from '../../model/index.ts';
import { intervalSample, spread } from '../../test/helpers/intervals.ts';
import { measureStep, type StepRun, stepGenerator } from './measure-step.ts';

const T0 = 1_700_000_000_000;
const criteria = { throughputFloor: 0.95, maxDroppedRatio: 0.01 };

/** `seconds` intervals of `perSecond` requests at `ms`, and a short tail after the step's end. */
function intervals(
  seconds: number,
  perSecond: (i: number) => number,
  ms: (i: number) => number,
): IntervalSample[] {
  const out = Array.from({ length: seconds }, (_, i) =>
    intervalSample(
      T0 + i * 1000,
      { read: { latenciesMs: spread(perSecond(i), ms(i) * 0.5, ms(i)) } },
      { generator: { cpuCores: 0.3, eventLoopLagP99Ms: 2, eventLoopLagMaxMs: 4 } },
    ),
  );
  out.push({
    ...intervalSample(T0 + seconds * 1000, { read: { latenciesMs: [ms(seconds)] } }),
    durationMs: 120,
  });
  return out;
}

function stepRun(over: Partial<StepRun> = {}): StepRun {
  return {
    index: 3,
    repeat: 1,
    decision: { rate: 100, phase: 'step-up', reason: '50/s held' },
    startedAt: T0,
    endedAt: T0 + 5200,
    intervals: intervals(
      5,
      () => 100,
      () => 10,
    ),
    settleMs: 1000,
    durationMs: 5000,
    thresholds: { http_req_duration: ['p(99)<50'] },
    resources: undefined,
    instances: [],
    threads: 1,
    ...over,
  };
}

describe('measureStep', () => {
  it('measures the window after the settle time, before the step ends: rate, latency, SLO', () => {
    // the first second is slow (connections opening), and the tail after the end is left out too
    const r = measureStep(
      stepRun({
        intervals: intervals(
          5,
          () => 100,
          (i) => (i === 0 || i === 5 ? 900 : 10),
        ),
      }),
      criteria,
    )!;
    expect(r.window).toEqual({ from: T0 + 1000, to: T0 + 5000 });
    expect(r.durationS).toBe(4);
    expect(r.achieved).toBe(100);
    expect(r.p99).toBeCloseTo(10, 0);
    expect(r).toMatchObject({
      offered: 100,
      sloMet: true,
      verdict: 'pass',
      failures: [],
      index: 3,
      phase: 'step-up',
    });
    expect(r.thresholds).toEqual([expect.objectContaining({ expression: 'p(99)<50', ok: true })]);
  });

  it('fails a step on the SLO and on throughput, and says which', () => {
    const r = measureStep(
      stepRun({
        intervals: intervals(
          5,
          () => 80,
          () => 200,
        ),
      }),
      criteria,
    )!;
    expect(r.verdict).toBe('fail');
    expect(r.failures).toEqual(['slo', 'throughput']);
    expect(r.achieved).toBe(80);
  });

  it('dropped iterations fail the step as the target being too slow, never as the generator', () => {
    const base = intervals(
      5,
      () => 100,
      () => 10,
    ).map((s) => ({ ...s, droppedIterations: 20 }));
    const r = measureStep(stepRun({ intervals: base }), criteria)!;
    expect(r.failures).toEqual(['dropped']);
    expect(r.generatorBound).toBe(false);
  });

  it('takes each instance CPU over the window from the resource samples', () => {
    const samples = (cores: (i: number) => number): ResourceSample[] =>
      Array.from({ length: 7 }, (_, i) => ({ ts: T0 + i * 1000, cpuCores: cores(i), rssBytes: 1e6 }));
    const r = measureStep(
      stepRun({
        resources: { 'app-0': samples((i) => (i < 2 ? 0.1 : 0.9)), 'postgres-0': samples(() => 0.4) },
        instances: [
          { id: 'app-0', component: 'app', kind: 'service' },
          { id: 'postgres-0', component: 'postgres', kind: 'postgres' },
        ],
      }),
      criteria,
    )!;
    // sample i covers (t(i−1), t(i)]: the window 1 s → 5 s holds samples 2..5 → app 0.9 throughout
    expect(r.instances).toEqual([
      { instance: 'app-0', component: 'app', kind: 'service', cores: 0.9 },
      { instance: 'postgres-0', component: 'postgres', kind: 'postgres', cores: 0.4 },
    ]);
    expect(r.cpu).toEqual({ app: 0.9, postgres: 0.4 });
  });

  it('is undefined for a step with nothing in its window (cut short)', () => {
    expect(
      measureStep(
        stepRun({
          intervals: intervals(
            1,
            () => 100,
            () => 10,
          ).slice(0, 1),
        }),
        criteria,
      ),
    ).toBeUndefined();
  });
});

describe('stepGenerator', () => {
  const gen = (cpu: number[], lag: number[] = cpu.map(() => 1)) =>
    cpu.map((c, i) =>
      intervalSample(
        T0 + i * 1000,
        {},
        { generator: { cpuCores: c, eventLoopLagP99Ms: lag[i]!, eventLoopLagMaxMs: lag[i]! } },
      ),
    );

  it('is bound when its CPU is near its threads’ cores for two intervals in a row', () => {
    expect(stepGenerator(gen([0.5, 0.95, 0.5, 0.95]), 1).notes).toEqual([]);
    const bound = stepGenerator(gen([0.5, 0.95, 0.97, 0.5]), 1);
    expect(bound.notes[0]).toMatch(/generator CPU at 0\.97 cores/);
    expect(bound).toMatchObject({ maxCores: 0.97, threads: 1 });
    expect(bound.meanCores).toBeCloseTo(0.73);
    // two threads: 0.97 cores is half of what it has
    expect(stepGenerator(gen([0.97, 0.97, 0.97]), 2).notes).toEqual([]);
  });

  it('is bound when its event loop lags', () => {
    const lagging = stepGenerator(gen([0.2, 0.2, 0.2], [30, 45, 2]), 1);
    expect(lagging.lagP99MaxMs).toBe(45);
    expect(lagging.notes[0]).toMatch(/event-loop lag/);
  });
});
