import { describe, expect, it } from 'vitest';
import { ExitCode, InvalidInputError } from '../../model/index.ts';
import { exceedsLimit, parseLimits } from './limits.ts';

describe('parseLimits', () => {
  it('reads the object and the CLI text forms', () => {
    const fromObject = parseLimits({ p95: '+10%', p99: '+15%', throughput: '-5%', errorRate: '+0.5pp' });
    expect(fromObject).toEqual([
      { metric: 'p95', text: '+10%', unit: '%', amount: 0.1 },
      { metric: 'p99', text: '+15%', unit: '%', amount: 0.15 },
      { metric: 'throughput', text: '-5%', unit: '%', amount: 0.05 },
      { metric: 'errorRate', text: '+0.5pp', unit: 'pp', amount: 0.005 },
    ]);
    expect(parseLimits('p95=+10%, throughput=-5%,errorRate=+0.5pp,p50=+20ms')).toHaveLength(4);
    expect(parseLimits('p50=+20ms')[0]).toMatchObject({ unit: 'ms', amount: 20 });
  });

  it('reports every problem at once, as invalid input', () => {
    let err: unknown;
    try {
      parseLimits({
        p95: '10%',
        throughput: '+5%',
        errorRate: '+1%',
        P99: '+1%',
        latency: '+1%',
        p50: 3 as never,
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidInputError);
    const e = err as InvalidInputError;
    expect(e.exitCode).toBe(ExitCode.invalidInput);
    expect(e.problems.map((p) => p.path)).toEqual([
      'p95',
      'throughput',
      'errorRate',
      'P99',
      'latency',
      'p50',
    ]);
    expect(e.message).toContain('cannot parse "10%"');
    expect(e.message).toContain('throughput limits a fall');
    expect(e.message).toContain('percentage points');
    expect(e.message).toContain('did you mean "p99"');
    expect(() => parseLimits('')).toThrow(/no limits given/);
  });

  it('decides when a move exceeds a limit', () => {
    const [p95, thr, err, p50] = parseLimits('p95=+10%,throughput=-5%,errorRate=+0.5pp,p50=+20ms');
    expect(exceedsLimit(p95!, 100, 110)).toBe(false);
    expect(exceedsLimit(p95!, 100, 110.5)).toBe(true);
    expect(exceedsLimit(p95!, 100, 50)).toBe(false);
    expect(exceedsLimit(thr!, 1000, 951)).toBe(false);
    expect(exceedsLimit(thr!, 1000, 940)).toBe(true);
    expect(exceedsLimit(thr!, 1000, 2000)).toBe(false);
    expect(exceedsLimit(err!, 0.001, 0.005)).toBe(false);
    expect(exceedsLimit(err!, 0.001, 0.0065)).toBe(true);
    expect(exceedsLimit(p50!, 10, 29)).toBe(false);
    expect(exceedsLimit(p50!, 10, 31)).toBe(true);
    expect(exceedsLimit(p95!, 0, 1)).toBe(true);
  });
});
