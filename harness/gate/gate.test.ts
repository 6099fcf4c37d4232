import { describe, expect, it } from 'vitest';
import { ExitCode, InvalidInputError } from '../../model/index.ts';
import { buildSyntheticRun } from '../../test/helpers/synthetic-run.ts';
import { gate } from './gate.ts';

const run = (seed: number, extra: Parameters<typeof buildSyntheticRun>[0] = {}) =>
  buildSyntheticRun({
    targets: ['monolith', 'cached'],
    seconds: 30,
    rate: 80,
    faults: false,
    ramping: false,
    resources: false,
    seed,
    ...extra,
  });

describe('gate', () => {
  it('passes a run whose thresholds pass, with no baseline', () => {
    const out = gate(run(1));
    expect(out).toMatchObject({ ok: true, exitCode: ExitCode.ok, reason: 'passed' });
    expect(out.counts.thresholds).toEqual({ passed: 4, failed: 0 });
    expect(out.suites.map((s) => s.target)).toEqual(['monolith', 'cached']);
    expect(out.suites[0]!.figures.p95).toBeGreaterThan(0);
  });

  it('fails with exit code 3 on a failed stored threshold', () => {
    const r = run(1);
    r.cells[0]!.thresholds![0]!.ok = false;
    const out = gate(r, { baseline: run(2) });
    expect(out).toMatchObject({
      ok: false,
      exitCode: ExitCode.thresholdsFailed,
      reason: '1 threshold failed',
    });
  });

  it('fails with exit code 4 when a limit is exceeded beyond noise', () => {
    const out = gate(run(2, { latencyFactor: { monolith: 1.5 } }), {
      baseline: run(1),
      limits: { p95: '+10%' },
    });
    expect(out.exitCode).toBe(ExitCode.regression);
    const failed = out.suites.flatMap((s) => s.checks).filter((c) => !c.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toMatch(
      /^p95 regressed: .* ms → .* ms \(\+\d+\.\d %\), limit \+10%; beyond noise/,
    );
  });

  it('does not fail on a limit exceeded within noise: it warns', () => {
    // one second of ten is slow: the p95 moves, the per-second distribution barely does
    const base = run(1, { sigma: 0.3 });
    const cur = run(2, { sigma: 0.3 });
    const out = gate(cur, { baseline: base, limits: { p95: '+0.1%' } });
    expect(out.exitCode).toBe(ExitCode.ok);
    const exceeded = out.suites
      .flatMap((s) => s.checks)
      .filter((c) => c.warning?.startsWith('limit exceeded'));
    expect(exceeded.length).toBeGreaterThan(0);
  });

  it('uses the default limits with a baseline, and rejects bad limits as invalid input', () => {
    const out = gate(run(2), { baseline: run(1) });
    expect(out.limits.map((l) => l.metric)).toEqual(['throughput', 'p95', 'p99', 'errorRate']);
    expect(out.counts.regressions.passed).toBe(8);
    expect(() => gate(run(2), { baseline: run(1), limits: 'p95=10' })).toThrow(InvalidInputError);
  });

  it('fails a partial run with the run’s own exit code', () => {
    const r = run(1);
    r.status = 'aborted';
    r.verdict = { thresholdsOk: true, failedThresholds: 0, exitCode: ExitCode.aborted, reason: 'SIGINT' };
    r.cells[1]!.status = 'aborted';
    const out = gate(r);
    expect(out.exitCode).toBe(ExitCode.aborted);
    expect(out.runChecks[0]!.message).toContain('partial run');
  });
});
