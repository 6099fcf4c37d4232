/**
 * `compare` and `gate` on real runs: the same configuration twice is not a
 * regression; the same scenario with a latency fault added is.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../model/index.ts';
import { runCli } from '../helpers/cli.ts';

let out: string;
const runs: Record<string, string> = {};

async function run(name: string, file: string): Promise<void> {
  const res = await runCli(['run', file, '--out', out, '--quiet']);
  const id = /run (\S+): \d+ cell/.exec(res.stderr)?.[1];
  if (!id || res.code !== 0) throw new Error(`run ${name} failed (${res.code}):\n${res.stderr}`);
  runs[name] = join(out, id);
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'harness-e2e-compare-'));
  await run('base1', 'test/e2e/fixtures/compare-base.ts');
  await run('base2', 'test/e2e/fixtures/compare-base.ts');
  await run('slow', 'test/e2e/fixtures/compare-slow.ts');
}, 240_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('compare and gate on real runs', () => {
  it('does not flag two runs of the same configuration', async () => {
    const res = await runCli(['gate', runs.base2!, '--baseline', runs.base1!]);
    expect(res.code, res.stdout + res.stderr).toBe(ExitCode.ok);
  });

  it('flags the same scenario with a 20 ms database latency fault as a regression', async () => {
    const res = await runCli([
      'gate',
      runs.slow!,
      '--baseline',
      runs.base1!,
      '--limits',
      'p50=+10%,p95=+10%',
    ]);
    expect(res.code, res.stdout + res.stderr).toBe(ExitCode.regression);
    const junit = readFileSync(join(runs.slow!, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<failure[^>]*p50/);
    const cmp = await runCli(['compare', runs.base1!, runs.slow!]);
    expect(cmp.code).toBe(0);
    expect(cmp.stdout).toMatch(/worse/);
  });
});
