/**
 * `harness capacity` through the CLI binary: the quickstart's two targets
 * searched (shortened, one trial, and capped so it stays short) with the
 * database 5 ms away (its `remote-db` condition, held for every step), the
 * capacity of each printed with its uncertainty and bottleneck and stored
 * with every step;
 * invalid input (no SLO, a bad flag) exits 2 and writes nothing; --dry-run
 * prints each cell's search.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../model/index.ts';
import { runCli } from '../helpers/cli.ts';
import { processesOfRun } from '../helpers/processes.ts';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'harness-e2e-capacity-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const runIdFrom = (text: string) => /run (\S+): \d+ cell/.exec(text)?.[1];

describe('harness capacity', () => {
  it('searches each target of the quickstart and prints its capacity, knee and bottleneck', async () => {
    const res = await runCli([
      'capacity',
      'scenarios/quickstart.ts',
      '--duration-scale',
      '0.1', // steps of 2 s, the first 0.5 s not measured
      '--start-rate',
      '200',
      '--max-rate',
      '1600',
      '--tolerance',
      '0.2',
      '--trials',
      '1',
      '--out',
      out,
      '--quiet',
    ]);
    const runId = runIdFrom(res.stderr)!;
    expect(runId, res.stderr).toBeDefined();
    const results: RunResults = JSON.parse(readFileSync(join(out, runId, 'results.json'), 'utf8'));
    expect(results.status, res.stderr).toBe('completed');
    expect(results.cells.map((c) => c.id)).toEqual([
      'monolith@remote-db/capacity/1',
      'cached@remote-db/capacity/1',
    ]);
    for (const cell of results.cells) {
      const c = cell.capacity!;
      // the condition held from before the first step to after the last
      const [latency] = cell.faults ?? [];
      expect(latency).toMatchObject({ kind: 'latency' });
      expect(latency!.appliedAt).toBeLessThanOrEqual(c.steps[0]!.startedAt);
      expect(latency!.revertedAt!).toBeGreaterThanOrEqual(c.steps.at(-1)!.endedAt);
      expect(c.settings).toMatchObject({
        startRate: 200,
        maxRate: 1600,
        stepDuration: '2s',
        settle: '500ms',
      });
      expect(c.steps[0]).toMatchObject({ offered: 200, phase: 'step-up' });
      expect(c.steps.length).toBeGreaterThanOrEqual(2);
      // every step's CPU, per instance of the target, and the generator's
      for (const s of c.steps) {
        expect(s.instances.map((i) => i.component).sort()).toEqual(
          cell.target === 'cached@remote-db' ? ['app', 'postgres', 'redis'] : ['app', 'postgres'],
        );
        expect(s.generator.threads).toBe(1);
      }
      expect(cell.integrity!.lost).toBe(0);
    }
    // the terminal: a table of capacities, and a bottleneck line per target
    expect(res.stdout).toMatch(/Capacity at the SLO — profile capacity/);
    expect(res.stdout).toMatch(/monolith@remote-db: bottleneck — /);
    expect(res.stdout).toMatch(/cached@remote-db: bottleneck — /);
    const html = readFileSync(join(out, runId, 'report.html'), 'utf8');
    expect(html).toContain('<section id="capacity" class="capacity">');
    expect(readFileSync(join(out, runId, 'summary.md'), 'utf8')).toMatch(/### Capacity — profile `capacity`/);
    // 0: both met the SLO at some rate; 3 only if one met it at none (a badly loaded machine)
    const found = results.cells.every((c) => c.capacity!.capacity !== null);
    expect(res.code).toBe(found ? 0 : 3);
    expect(processesOfRun(runId)).toEqual([]);
  });

  it('a scenario without thresholds is invalid input: exit 2, a hint, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-e2e-capacity-invalid-'));
    try {
      const res = await runCli(['capacity', 'test/e2e/fixtures/no-slo.ts', '--out', dir, '--settle', '30s']);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('error: test/e2e/fixtures/no-slo.ts: 2 problems');
      expect(res.stderr).toMatch(
        /- thresholds: a capacity search looks for the highest rate that meets the SLO/,
      );
      expect(res.stderr).toContain('- --settle: settle must be at least 1s shorter than stepDuration');
      expect(res.stderr).toMatch(/hint: the scenario's thresholds are the SLO of the search/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--dry-run prints each cell’s search and starts nothing', async () => {
    const dir = join(out, 'dry-run');
    const res = await runCli([
      'capacity',
      'scenarios/scaling-replicated.ts',
      '--dry-run',
      '--duration-scale',
      '0.5',
      '--out',
      dir,
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('3 cell(s)');
    expect(res.stdout).toMatch(
      /replicated\[apps=2\]\/capacity\/1 +capacity search: constant-arrival-rate from 200\/s, ×2 while each step holds, at most 20000\/s, then bisect to within 5 %; 7\.5s a step \(the first 2s not measured\)/,
    );
    expect(existsSync(dir)).toBe(false);
  });
});
