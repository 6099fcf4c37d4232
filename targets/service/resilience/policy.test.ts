import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { BulkheadFullError } from './bulkhead.ts';
import { CircuitOpenError } from './circuit-breaker.ts';
import { ManualClock } from './manual-clock.ts';
import { Resilience } from './policy.ts';
import { type ResilienceSettings, resiliencePresets } from './settings.ts';
import { TimeoutError } from './timeout.ts';

function setup(overrides: Partial<ResilienceSettings> = {}) {
  const registry = new Registry();
  const clock = new ManualClock();
  const resilience = new Resilience({ ...resiliencePresets.on, ...overrides }, registry, clock);
  const metric = async (name: string, dependency = 'dep') => {
    const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
    const v = (m?.values as { value: number; labels: Record<string, string> }[] | undefined)?.find(
      (x) => x.labels.dependency === dependency,
    );
    return v?.value;
  };
  return { policy: resilience.for('dep'), clock, metric };
}

const settle = <T>(p: Promise<T>) =>
  p.then(
    (v) => v as unknown,
    (e: unknown) => e,
  );

describe('DependencyPolicy', () => {
  it('retries idempotent calls only, and counts the retries', async () => {
    const { policy, clock, metric } = setup({ retries: 2, breakerFailures: 0, breakerFailureRate: 0 });
    let calls = 0;
    const flaky = async () => {
      if (++calls < 3) throw new Error('blip');
      return 'ok';
    };
    const read = settle(policy.run(flaky, { idempotent: true }));
    await clock.advance(1_000);
    expect(await read).toBe('ok');
    expect(await metric('dependency_retries_total')).toBe(2);

    calls = 0;
    expect(await settle(policy.run(flaky))).toBeInstanceOf(Error);
    expect(calls).toBe(1);
  });

  it('times calls out, counts them, and opens the breaker on them', async () => {
    const { policy, clock, metric } = setup({ timeoutMs: 100, retries: 0, breakerFailures: 2 });
    const hang = () => new Promise<never>(() => {});
    const a = settle(policy.run(hang));
    const b = settle(policy.run(hang));
    await clock.advance(100);
    expect(await a).toBeInstanceOf(TimeoutError);
    expect(await b).toBeInstanceOf(TimeoutError);
    expect(await metric('dependency_timeouts_total')).toBe(2);
    expect(await metric('circuit_state')).toBe(2);
    expect(await settle(policy.run(async () => 'x', { idempotent: true }))).toBeInstanceOf(CircuitOpenError);
    await clock.advance(resiliencePresets.on.breakerCooldownMs);
    expect(await metric('circuit_state')).toBe(1);
    expect(await policy.run(async () => 'x')).toBe('x');
    expect(await metric('circuit_state')).toBe(0);
  });

  it('refuses bulkhead overflow at once without opening the breaker', async () => {
    const { policy, metric } = setup({ bulkhead: 1, bulkheadQueue: 0, breakerFailures: 1, timeoutMs: 0 });
    let release!: () => void;
    const held = policy.run(() => new Promise<string>((r) => (release = () => r('held'))));
    expect(await metric('bulkhead_in_flight')).toBe(1);
    expect(await settle(policy.run(async () => 'x', { idempotent: true }))).toBeInstanceOf(BulkheadFullError);
    expect(await metric('bulkhead_rejected_total')).toBe(1);
    expect(await metric('dependency_retries_total')).toBe(0);
    expect(policy.breaker?.state).toBe('closed');
    release();
    expect(await held).toBe('held');
  });

  it('runs the call bare with RESILIENCE=off', async () => {
    const { policy, metric } = setup(resiliencePresets.off);
    expect(policy.breaker).toBeUndefined();
    expect(policy.bulkhead).toBeUndefined();
    expect(await policy.run(async () => 1, { idempotent: true })).toBe(1);
    expect(await metric('circuit_state')).toBe(0);
  });
});
