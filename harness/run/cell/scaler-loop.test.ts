import { describe, expect, it } from 'vitest';
import type { CellScaling, ComponentResources, ScaleChange, ScalerPolicy } from '../../../model/index.ts';
import { intervalSample, spread } from '../../../test/helpers/intervals.ts';
import { ScalerLoop } from './scaler-loop.ts';

const T0 = 1_700_000_000_000;
const policy: ScalerPolicy = {
  component: 'app',
  metric: 'p95',
  target: 100,
  min: 1,
  max: 3,
  step: 1,
  cooldownMs: 3_000,
  tolerance: 0.1,
  periodMs: 1_000,
};
/** Second `s` of the load with requests whose p95 is about `p95` ms (none: no request finished). */
const second = (s: number, p95?: number) =>
  intervalSample(T0 + s * 1000, { req: { latenciesMs: p95 === undefined ? [] : spread(100, p95 / 2, p95) } });

/** A runtime whose scale() resolves only when the test says so. */
function fakeRuntime() {
  const calls: {
    replicas: number;
    done: (change: Partial<ScaleChange>) => void;
    fail: (e: Error) => void;
  }[] = [];
  return {
    calls,
    scale: (replicas: number) =>
      new Promise<ScaleChange>((resolve, reject) => {
        calls.push({
          replicas,
          done: (c) =>
            resolve({
              component: 'app',
              from: 0,
              to: replicas,
              added: [],
              removed: [],
              startedAt: 0,
              endedAt: 0,
              ...c,
            }),
          fail: reject,
        });
      }),
  };
}

function loopOf(
  p: ScalerPolicy,
  runtime: ReturnType<typeof fakeRuntime>,
  resources: ComponentResources = {},
) {
  const updates: CellScaling[] = [];
  const loop = new ScalerLoop({
    policy: p,
    initial: ['app-0'],
    scale: runtime.scale,
    resources,
    update: (s) => updates.push(structuredClone(s)),
    log: () => {},
  });
  return { loop, updates };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the scaler loop', () => {
  it('scales out on a slow interval, decides nothing while the runtime works, counts the replica once it serves', async () => {
    const runtime = fakeRuntime();
    const { loop } = loopOf(policy, runtime);
    loop.onInterval(second(0, 50));
    loop.onInterval(second(1, 180)); // 1.8 × target → 2
    expect(runtime.calls.map((c) => c.replicas)).toEqual([2]);
    loop.onInterval(second(2, 400)); // busy: recorded, not decided
    expect(runtime.calls).toHaveLength(1);
    runtime.calls[0]!.done({ added: ['app-1'], startedAt: T0 + 2_000, endedAt: T0 + 2_600 });
    await tick();
    loop.onInterval(second(3, 90));
    expect(loop.scaling.replicas.map((r) => [r.replicas, r.desired])).toEqual([
      [1, 1],
      [1, 1],
      [1, 2],
      [2, 2],
    ]);
    expect(loop.scaling.events).toEqual([
      {
        decidedAt: T0 + 2_000,
        doneAt: T0 + 2_600,
        from: 1,
        to: 2,
        value: expect.closeTo(180, -1),
        reason: expect.stringMatching(/^p95 1\d\d ms > 100 ms target$/),
        added: ['app-1'],
        removed: [],
      },
    ]);
  });

  it('a replica leaving stops counting when its drain begins; an interval without requests decides nothing', async () => {
    const runtime = fakeRuntime();
    const { loop } = loopOf({ ...policy, cooldownMs: 0 }, runtime);
    loop.onInterval(second(0, 300));
    runtime.calls[0]!.done({ added: ['app-1'], endedAt: T0 + 1_500 });
    await tick();
    loop.onInterval(second(1)); // nothing finished: no measurement
    expect(runtime.calls).toHaveLength(1);
    loop.onInterval(second(2, 20)); // 2 × 0.2 → 1
    expect(runtime.calls.map((c) => c.replicas)).toEqual([2, 1]);
    loop.onInterval(second(3, 20));
    expect(loop.scaling.replicas.at(-1)).toMatchObject({ replicas: 1 });
    runtime.calls[1]!.done({ removed: ['app-1'], endedAt: T0 + 4_200 });
    await loop.stop();
    expect(loop.scaling.events.map((e) => [e.from, e.to, e.removed])).toEqual([
      [1, 2, []],
      [2, 1, ['app-1']],
    ]);
  });

  it('a failed scale-out is recorded with its error; the count stays', async () => {
    const runtime = fakeRuntime();
    const { loop, updates } = loopOf(policy, runtime);
    loop.onInterval(second(0, 500));
    runtime.calls[0]!.fail(new Error('app-1: exited with code 1'));
    await loop.stop();
    expect(loop.scaling.events[0]).toMatchObject({ from: 1, to: 2, error: 'app-1: exited with code 1' });
    expect(loop.scaling.events[0]!.doneAt).toBeUndefined();
    // Stored at the start, at the decision and after the failure.
    expect(updates).toHaveLength(3);
    loop.onInterval(second(1, 500)); // stopped: recorded, never decided
    expect(runtime.calls).toHaveLength(1);
  });

  it('cpu: the mean of the serving replicas’ latest samples, a new replica counted from one period after it joined', async () => {
    const runtime = fakeRuntime();
    const resources: ComponentResources = { 'app-0': [] };
    const { loop } = loopOf({ ...policy, metric: 'cpu', target: 0.5, max: 5 }, runtime, resources);
    const cpu = (id: string, s: number, cores: number) => {
      resources[id] ??= [];
      resources[id]!.push({ ts: T0 + s * 1000, cpuCores: cores, rssBytes: 1 });
    };
    cpu('app-0', 1, 0.9);
    loop.onInterval(second(0, 10)); // ends at 1 s: 0.9 cores → ceil(1.8) = 2
    expect(runtime.calls.map((c) => c.replicas)).toEqual([2]);
    runtime.calls[0]!.done({ added: ['app-1'], endedAt: T0 + 1_500 });
    await tick();
    cpu('app-0', 2, 0.6);
    cpu('app-1', 2, 1.0); // start-up (joined at 1.5 s): not counted
    loop.onInterval(second(1, 10));
    expect(loop.scaling.replicas.at(-1)).toMatchObject({ replicas: 2, metric: 0.6 });
    cpu('app-0', 3, 0.5);
    cpu('app-1', 3, 0.3);
    loop.onInterval(second(2, 10));
    expect(loop.scaling.replicas.at(-1)!.metric).toBeCloseTo(0.4);
  });
});
