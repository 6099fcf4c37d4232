/**
 * Whole runs through the CLI binary, shortened with --duration-scale: the
 * quickstart comparison, and a fault schedule whose effect must show in the
 * stored results.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../model/index.ts';
import { runCli } from '../helpers/cli.ts';
import { processesOfRun } from '../helpers/processes.ts';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'harness-e2e-run-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const runIdFrom = (text: string) => /run (\S+): \d+ cell/.exec(text)?.[1];
const readRun = (runId: string): RunResults =>
  JSON.parse(readFileSync(join(out, runId, 'results.json'), 'utf8'));

describe('harness run', () => {
  it('runs the quickstart comparison and writes results.json, report.html and the gate files', async () => {
    const res = await runCli(['run', 'scenarios/quickstart.ts', '--trials', '1', '--out', out, '--quiet']);
    const runId = runIdFrom(res.stderr)!;
    expect(runId, res.stderr).toBeDefined();
    const results = readRun(runId);
    expect(results.status, res.stderr).toBe('completed');
    expect(results.cells.map((c) => [c.target, c.status])).toEqual([
      ['monolith@remote-db', 'completed'],
      ['cached@remote-db', 'completed'],
    ]);
    for (const cell of results.cells) {
      // Open model at 400/s for 6 s: the engine keeps to the plan; the 3 s warm-up is kept apart.
      expect(cell.summary!.requests).toBeGreaterThan(2200);
      expect(cell.summary!.requests).toBeLessThan(2500);
      expect(cell.warmup!.summary!.requests).toBeGreaterThan(1000);
      expect(cell.warmup!.endedAt!).toBeLessThanOrEqual(cell.intervals[0]!.ts);
      // The database 5 ms away is a condition of the whole cell: applied at the start, to the end.
      expect(cell.faults![0]).toMatchObject({ kind: 'latency', target: '*→postgres' });
      expect(cell.faults![0]!.impact!.endedWithLoad).toBe(true);
      expect(cell.integrity!.lost).toBe(0);
      expect(cell.integrity!.checked).toBeGreaterThan(0);
      expect(Object.keys(cell.startup!.components).sort()).toEqual(
        cell.targetKind === 'cached' ? ['app', 'postgres', 'redis'] : ['app', 'postgres'],
      );
    }
    // The cache really answered reads: its service counted hits.
    const cached = results.cells[1]!.targetMetrics!;
    expect(Object.values(cached).some((m) => (m.cache_hits_total ?? 0) > 0)).toBe(true);
    for (const f of ['report.html', 'junit.xml', 'summary.md', 'gate.json'])
      expect(existsSync(join(out, runId, f)), f).toBe(true);
    // what each target's load cost, from its sampled instances
    for (const cell of results.cells) {
      expect(cell.cost!.requests).toBe(cell.summary!.requests);
      expect(cell.cost!.cpuSecondsPer1kRequests!).toBeGreaterThan(0);
      expect(Object.keys(cell.cost!.byComponent)).toEqual(
        cell.targetKind === 'cached' ? ['app', 'postgres', 'redis'] : ['app', 'postgres'],
      );
    }
    // the verdict, cached against monolith, heads the report and the summary
    const html = readFileSync(join(out, runId, 'report.html'), 'utf8');
    expect(html).toMatch(
      /<section id="verdict" class="verdicts">[\s\S]*<strong>cached@remote-db<\/strong> vs monolith@remote-db: /,
    );
    expect(readFileSync(join(out, runId, 'summary.md'), 'utf8')).toMatch(
      /\*\*cached@remote-db\*\* vs monolith@remote-db: /,
    );
    // Every read of the monolith pays the 5 ms; most of the cache's do not.
    const [mono, cache] = results.cells;
    expect(mono!.summary!.duration.med).toBeGreaterThan(5);
    expect(cache!.summary!.duration.med).toBeLessThan(mono!.summary!.duration.med);
    // The console says whether the difference is beyond noise.
    expect(res.stdout).toMatch(/^noise: steady — .*cached@remote-db.*monolith@remote-db/m);
    expect([0, 3]).toContain(res.code); // thresholds may fail on a loaded CI machine; the run itself completed
    expect(processesOfRun(runId)).toEqual([]);
  });

  it('applies a latency fault on the timeline: recorded with timestamps, its impact visible, then reverted', async () => {
    const res = await runCli([
      'run',
      'scenarios/chaos/db-latency.ts',
      '--targets',
      'monolith',
      '--schedules',
      'db-latency-50ms',
      '--duration-scale',
      '0.3',
      '--out',
      out,
      '--quiet',
    ]);
    const runId = runIdFrom(res.stderr)!;
    const results = readRun(runId);
    expect(results.status, res.stderr).toBe('completed');
    const cell = results.cells[0]!;
    expect(cell.id).toBe('monolith@db-latency-50ms/steady/1');
    const fault = cell.faults![0]!;
    expect(fault.kind).toBe('latency');
    // Planned at 10 s × 0.3 = 3 s after the load started, for 15 s × 0.3 = 4.5 s.
    const loadStart = cell.intervals[0]!.ts;
    expect(fault.appliedAt! - loadStart).toBeGreaterThan(2500);
    expect(fault.appliedAt! - loadStart).toBeLessThan(4500);
    expect(fault.revertedAt! - fault.appliedAt!).toBeGreaterThan(4000);
    const impact = fault.impact!;
    expect(impact.during!.p50 - impact.before!.p50).toBeGreaterThan(40);
    expect(impact.during!.p50 - impact.before!.p50).toBeLessThan(70);
    expect(processesOfRun(runId)).toEqual([]);
  });

  it('runs a profile of concurrent scenarios: open readers and closed writers from 10 s, each counted apart', async () => {
    const res = await runCli([
      'run',
      'scenarios/mixed-traffic.ts',
      '--targets',
      'monolith',
      '--trials',
      '1',
      '--duration-scale',
      '0.2',
      '--out',
      out,
      '--quiet',
    ]);
    const runId = runIdFrom(res.stderr)!;
    const results = readRun(runId);
    expect(results.status, res.stderr).toBe('completed');
    expect(results.schemaVersion).toBe(2);
    const cell = results.cells[0]!;
    expect(cell.model).toBe('mixed');
    expect(cell.executor.executor).toBe('scenarios');
    const iterations = (name: string, from: number, to: number) =>
      cell.intervals.slice(from, to).reduce((n, s) => n + (s.byScenario?.[name]?.iterations ?? 0), 0);
    // Scaled: readers 300/s for 6 s; writers from 2 s (nothing of theirs in the first two seconds).
    expect(iterations('readers', 0, cell.intervals.length)).toBeGreaterThan(1700);
    expect(iterations('writers', 0, 2)).toBe(0);
    expect(iterations('writers', 2, cell.intervals.length)).toBeGreaterThan(0);
    expect(cell.summary!.byRequest['put-item']!.count).toBe(iterations('writers', 0, cell.intervals.length));
    const th = cell.thresholds!.map((t) => [t.metric, t.ok]);
    expect(th).toContainEqual(['iterations{scenario:writers}', true]);
    expect(cell.integrity!.lost).toBe(0);
    expect([0, 3]).toContain(res.code);
    expect(processesOfRun(runId)).toEqual([]);
  });
});
