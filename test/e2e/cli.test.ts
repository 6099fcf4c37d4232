/**
 * End to end through the CLI binary: exit codes, the files a run writes, and
 * that nothing is left running — after success, invalid input, SIGINT,
 * SIGTERM, and (with `harness clean`) SIGKILL.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../model/index.ts';
import { runCli, startCli, waitForOutput } from '../helpers/cli.ts';
import { isAlive, listeningPorts, portOpen, processesOfRun, runState } from '../helpers/processes.ts';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'harness-e2e-'));
});
afterAll(async () => {
  await runCli(['clean']);
  rmSync(out, { recursive: true, force: true });
});

const runIdFrom = (text: string) => /run (\S+): \d+ cell/.exec(text)?.[1];
const readRun = (runId: string): RunResults =>
  JSON.parse(readFileSync(join(out, runId, 'results.json'), 'utf8'));

describe('harness CLI', () => {
  it('--help is fast and lists the exit codes', async () => {
    const started = performance.now();
    const res = await runCli(['--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Exit codes');
    // abortOnFail gives 3 like any failed threshold; 130 is only a signal.
    expect(res.stdout).toMatch(
      /3 +a threshold failed \(also when an abortOnFail threshold stopped a cell early\)/,
    );
    expect(res.stdout).not.toMatch(/130 .*abortOnFail/);
    expect(res.stdout).toMatch(/run \[options\] <scenario>/);
    // Heavy modules load lazily; generous bound for a loaded 2-core CI machine.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('reports every problem of an invalid scenario at once, exits 2 and starts nothing', async () => {
    const before = readdirSync(out);
    const res = await runCli(['run', 'test/e2e/fixtures/invalid.ts', '--out', out]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('test/e2e/fixtures/invalid.ts');
    expect(res.stderr).toMatch(/profiles\.steady\.duraton.*duration/);
    expect(res.stderr).toMatch(/profiles\.steady\.rate/);
    expect(res.stderr).toMatch(/thresholds\.http_req_duration\[0\]/);
    expect(readdirSync(out)).toEqual(before);
  });

  it('rejects a bad flag as invalid input', async () => {
    const res = await runCli(['run', 'scenarios/quickstart.ts', '--duration-scale', 'zero', '--out', out]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--duration-scale');
  });

  it("gates a team's own service started by command: a failed threshold exits 3, results are written", async () => {
    const res = await runCli(['run', 'test/e2e/fixtures/own-service.ts', '--out', out, '--quiet']);
    expect(res.code, res.stderr).toBe(3);
    const runId = runIdFrom(res.stderr)!;
    const results = readRun(runId);
    expect(results.status).toBe('completed');
    const cell = results.cells[0]!;
    expect(cell.summary!.requests).toBeGreaterThan(100);
    expect(cell.thresholds!.find((t) => t.expression === 'p(95)<0.001')!.ok).toBe(false);
    expect(cell.thresholds!.find((t) => t.metric === 'http_req_failed')!.ok).toBe(true);
    expect(existsSync(join(out, runId, 'report.html'))).toBe(true);
    expect(processesOfRun(runId)).toEqual([]);
    expect(await portOpen(39517)).toBe(false);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} mid-run stops every process, closes every port and leaves a partial result`, async () => {
      const { child, done } = startCli([
        'run',
        'scenarios/quickstart.ts',
        '--out',
        out,
        '--targets',
        'monolith',
        '--duration-scale',
        '3',
      ]);
      // Wait until the measured load is flowing (after the warm-up).
      const text = await waitForOutput(child, (t) => /warmed up for/.test(t), 90_000);
      const runId = runIdFrom(text)!;
      await new Promise((r) => setTimeout(r, 2500));
      const running = processesOfRun(runId);
      expect(running.length).toBeGreaterThanOrEqual(2); // postgres and the service
      const state = runState(runId)!;
      const pids = state.processes.map((p) => p.pid);
      const ports = listeningPorts(pids);
      expect(ports.length).toBeGreaterThanOrEqual(2);
      child.kill(signal);
      const res = await done;
      expect(res.code).toBe(130);
      expect(processesOfRun(runId)).toEqual([]);
      expect(pids.filter(isAlive)).toEqual([]);
      for (const port of ports) expect(await portOpen(port)).toBe(false);
      for (const dir of state.tempDirs) expect(existsSync(dir)).toBe(false);
      expect(runState(runId)).toBeUndefined();
      const results = readRun(runId);
      expect(results.status).toBe('aborted');
      expect(results.cells[0]!.status).toBe('aborted');
      expect(results.cells[0]!.intervals.length).toBeGreaterThan(0);
    });
  }

  it('Ctrl-C during an active fault reverts it and leaves no process behind', async () => {
    // The Postgres primary is paused (SIGSTOP) when the signal arrives.
    const { child, done } = startCli([
      'run',
      'scenarios/chaos/pause-primary.ts',
      '--targets',
      'monolith',
      '--schedules',
      'pause-postgres',
      '--duration-scale',
      '0.3',
      '--out',
      out,
    ]);
    const text = await waitForOutput(child, (t) => /paused postgres-0/.test(t), 90_000);
    const runId = runIdFrom(text)!;
    const state = runState(runId)!;
    const pids = state.processes.map((p) => p.pid);
    child.kill('SIGINT');
    const res = await done;
    expect(res.code).toBe(130);
    expect(processesOfRun(runId)).toEqual([]);
    expect(pids.filter(isAlive)).toEqual([]);
    const results = readRun(runId);
    expect(results.status).toBe('aborted');
    const fault = results.cells[0]!.faults![0]!;
    expect(fault.kind).toBe('pause');
    expect(fault.revertedAt).toBeGreaterThanOrEqual(fault.appliedAt);
  });

  it('after SIGKILL, `harness clean` removes the leftover processes', async () => {
    const { child } = startCli(['run', 'scenarios/quickstart.ts', '--out', out, '--targets', 'monolith']);
    const text = await waitForOutput(child, (t) => /seeded \d+ items/.test(t), 90_000);
    const runId = runIdFrom(text)!;
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    expect(processesOfRun(runId).length).toBeGreaterThan(0);
    const res = await runCli(['clean']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/cleaned [1-9]\d* run/);
    await new Promise((r) => setTimeout(r, 200));
    expect(processesOfRun(runId)).toEqual([]);
  });
});
