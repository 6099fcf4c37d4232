import { describe, expect, it } from 'vitest';
import {
  CircuitBreaker,
  type CircuitBreakerOptions,
  CircuitOpenError,
  type CircuitState,
} from './circuit-breaker.ts';
import { ManualClock } from './manual-clock.ts';

const ok = async () => 'ok';
const fail = async (): Promise<string> => {
  throw new Error('down');
};

function breaker(opts: Partial<CircuitBreakerOptions> = {}) {
  const clock = new ManualClock();
  const transitions: CircuitState[] = [];
  const b = new CircuitBreaker({
    name: 'dep',
    failures: 3,
    failureRate: 0,
    windowMs: 10_000,
    minCalls: 10,
    cooldownMs: 1_000,
    halfOpenCalls: 1,
    clock,
    onTransition: (to) => transitions.push(to),
    ...opts,
  });
  const attempt = (fn: () => Promise<string>) => b.call(fn).catch((err: unknown) => err);
  return { b, clock, transitions, attempt };
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures and then fails fast without calling', async () => {
    const { b, attempt, transitions } = breaker();
    await attempt(fail);
    await attempt(fail);
    await attempt(ok); // a success resets the count
    for (let i = 0; i < 3; i++) await attempt(fail);
    expect(b.state).toBe('open');
    let called = false;
    const err = await attempt(async () => {
      called = true;
      return 'ok';
    });
    expect(err).toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
    expect(transitions).toEqual(['open']);
  });

  it('half-opens after the cool-down, lets one trial through, closes on its success', async () => {
    const { b, clock, attempt, transitions } = breaker();
    for (let i = 0; i < 3; i++) await attempt(fail);
    await clock.advance(999);
    expect(b.state).toBe('open');
    await clock.advance(1);
    expect(b.state).toBe('half-open');
    let release!: () => void;
    const trial = b.call(() => new Promise<string>((r) => (release = () => r('ok'))));
    // A second call while the trial is out fails fast.
    expect(await attempt(ok)).toBeInstanceOf(CircuitOpenError);
    release();
    expect(await trial).toBe('ok');
    expect(b.state).toBe('closed');
    expect(transitions).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens when the trial fails, for another cool-down', async () => {
    const { b, clock, attempt, transitions } = breaker();
    for (let i = 0; i < 3; i++) await attempt(fail);
    await clock.advance(1_000);
    await attempt(fail);
    expect(b.state).toBe('open');
    await clock.advance(500);
    expect(b.state).toBe('open');
    await clock.advance(500);
    expect(b.state).toBe('half-open');
    expect(transitions).toEqual(['open', 'half-open', 'open', 'half-open']);
  });

  it('opens on the failure rate over the rolling window once enough calls were seen', async () => {
    const { b, clock, attempt } = breaker({ failures: 0, failureRate: 0.5, minCalls: 10 });
    // Alternating: never 2 in a row, but a 50 % failure rate.
    for (let i = 0; i < 4; i++) {
      await attempt(ok);
      await attempt(fail);
    }
    expect(b.state).toBe('closed'); // 8 calls < minCalls
    await attempt(ok);
    await attempt(fail);
    expect(b.state).toBe('open');

    // Old outcomes leave the window: 9 old failures do not count 10 s later.
    const fresh = breaker({ failures: 0, failureRate: 0.5, minCalls: 10 });
    for (let i = 0; i < 9; i++) await fresh.attempt(fail);
    await fresh.clock.advance(11_000);
    for (let i = 0; i < 9; i++) await fresh.attempt(ok);
    await fresh.attempt(fail);
    expect(fresh.b.state).toBe('closed');
    void clock;
  });

  it('does not count errors isFailure rejects', async () => {
    const { b, attempt } = breaker({ isFailure: () => false });
    for (let i = 0; i < 5; i++) await attempt(fail);
    expect(b.state).toBe('closed');
  });
});
