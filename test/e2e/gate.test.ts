import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompare, runGate } from '../../harness/run/index.ts';
import type { RunResults } from '../../model/index.ts';
import { ExitCode } from '../../model/index.ts';
import { runCli } from '../helpers/cli.ts';
import { buildSyntheticRun } from '../helpers/synthetic-run.ts';
import { parseXml } from '../helpers/xml-wellformed.ts';

const OPTS = {
  targets: ['monolith', 'cached'],
  seconds: 20,
  rate: 60,
  ramping: false,
  resources: false,
} as const;

describe('gate on stored runs', () => {
  let dir = '';
  const save = (name: string, results: RunResults) => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'results.json'), JSON.stringify(results));
    return join(dir, name);
  };
  let baseline = '';
  let same = '';
  let slower = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'harness-gate-'));
    baseline = save('base', buildSyntheticRun({ ...OPTS, seed: 1 }));
    same = save('same', buildSyntheticRun({ ...OPTS, seed: 2 }));
    slower = save('slower', buildSyntheticRun({ ...OPTS, seed: 3, latencyFactor: { cached: 1.5 } }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes the same code against its baseline and writes the gate files', async () => {
    const summary = join(dir, 'step-summary.md');
    const { outcome, files } = await runGate({ results: same, baseline, summaryFile: summary });
    expect(outcome.exitCode).toBe(ExitCode.ok);
    expect(files.map((f) => f.replace(`${dir}/`, ''))).toEqual([
      'same/junit.xml',
      'same/summary.md',
      'same/gate.json',
      'step-summary.md',
    ]);
    expect(parseXml(readFileSync(join(same, 'junit.xml'), 'utf8')).problems).toEqual([]);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/^## ✅ Performance gate passed/);
    // the verdict between the run's targets, under the heading
    expect(md).toMatch(
      /\n\*\*Verdict: cached won on latency: p95 −\d+\.\d % vs monolith, beyond noise\.\*\* \*\*cached\*\* vs monolith: p95/,
    );
  });

  it('harness report re-renders a stored run: the verdict first, the cost from its samples even when stored without', async () => {
    const old = buildSyntheticRun({ ...OPTS, resources: true, seed: 5 });
    for (const c of old.cells) delete c.cost; // as written before cells had a cost
    const run = save('old', old);
    const res = await runCli(['report', run]);
    expect(res.code, res.stderr).toBe(0);
    const html = readFileSync(join(run, 'report.html'), 'utf8');
    expect(html.indexOf('<section id="verdict"')).toBeGreaterThan(0);
    expect(html.indexOf('<section id="verdict"')).toBeLessThan(html.indexOf('<section class="profile"'));
    expect(html).toMatch(/<h3>Cost<\/h3>/);
    const md = readFileSync(join(run, 'summary.md'), 'utf8');
    expect(md).toMatch(/### Cost — profile `load`/);
    // nothing written back into the stored results
    expect(JSON.parse(readFileSync(join(run, 'results.json'), 'utf8')).cells[0].cost).toBeUndefined();
  });

  it('fails a +50 % latency regression with exit code 4, naming the metric', async () => {
    const { outcome } = await runGate({ results: slower, baseline, limits: 'p95=+10%,throughput=-5%' });
    expect(outcome.exitCode).toBe(ExitCode.regression);
    const junit = readFileSync(join(slower, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="cached \/ load"[^>]* failures="1"/);
    expect(junit).toMatch(/<failure message="p95 regressed: /);
    const { files, markdown } = await runCompare({ baseline, current: slower });
    expect(files.every(existsSync)).toBe(true);
    expect(markdown).toMatch(/🔴 Worse: cached \/ load p50, cached \/ load p95/);
  });

  it('rejects bad limits and a file that is not a results file as invalid input (exit 2)', async () => {
    await expect(runGate({ results: same, baseline, limits: 'p95=10%' })).rejects.toMatchObject({
      exitCode: ExitCode.invalidInput,
    });
    writeFileSync(join(dir, 'bogus.json'), '{"hello":1}');
    await expect(runGate({ results: join(dir, 'bogus.json') })).rejects.toMatchObject({
      exitCode: ExitCode.invalidInput,
    });
  });

  it('the CLI exits 0, 4 and 2 accordingly', async () => {
    expect((await runCli(['gate', same, '--baseline', baseline])).code).toBe(ExitCode.ok);
    const bad = await runCli(['gate', slower, '--baseline', baseline, '--limits', 'p95=+10%']);
    expect(bad.code, bad.stderr).toBe(ExitCode.regression);
    const invalid = await runCli(['gate', same, '--baseline', baseline, '--limits', 'p95=lots']);
    expect(invalid.code).toBe(ExitCode.invalidInput);
    expect(invalid.stderr).toContain('cannot parse "lots"');
  });
});
