/**
 * `--runtime docker` end to end through the CLI binary: the quickstart runs
 * in containers and says so in results.json, and leaves nothing running —
 * also after SIGTERM or a forced Ctrl-C; a
 * daemon that does not answer is exit code 5 with a hint, before anything is
 * started or written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../model/index.ts';
import { leftoverPaths } from '../fixtures/leftovers.ts';
import { runCli, startCli, waitForOutput } from '../helpers/cli.ts';
import { containersOfRun, runDockerTests } from '../helpers/docker.ts';
import { processesOfRun } from '../helpers/processes.ts';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'harness-e2e-docker-'));
});
afterAll(async () => {
  await runCli(['clean']);
  rmSync(out, { recursive: true, force: true });
});

const runIdFrom = (text: string) => /run (\S+): \d+ cell/.exec(text)?.[1];

describe('harness run --runtime docker', () => {
  it.runIf(runDockerTests)(
    'runs the quickstart in containers, records the runtime, leaves nothing running',
    async () => {
      const res = await runCli([
        'run',
        'scenarios/quickstart.ts',
        '--runtime',
        'docker',
        '--trials',
        '1',
        '--duration-scale',
        '0.1',
        '--quiet',
        '--out',
        out,
      ]);
      expect(res.code, res.stderr).toBe(0);
      const runId = runIdFrom(res.stderr)!;
      const results = JSON.parse(readFileSync(join(out, runId, 'results.json'), 'utf8')) as RunResults;
      expect(results.status).toBe('completed');
      expect(results.environment.runtime).toBe('docker');
      expect(results.options.runtime).toBe('docker');
      for (const cell of results.cells) {
        expect(cell.status).toBe('completed');
        expect(cell.summary!.requests).toBeGreaterThan(100);
        expect(Object.keys(cell.startup!.components).length).toBeGreaterThanOrEqual(2);
      }
      expect(containersOfRun(runId).size).toBe(0);
      expect(processesOfRun(runId)).toEqual([]);
      expect(leftoverPaths(runId)).toEqual([]);
    },
  );

  for (const [name, signals] of [
    ['SIGTERM', ['SIGTERM']],
    ['a second Ctrl-C (forced)', ['SIGINT', 'SIGINT']],
  ] as const) {
    it.runIf(runDockerTests)(`${name} mid-run removes every container of the run`, async () => {
      const { child, done } = startCli([
        'run',
        'scenarios/quickstart.ts',
        '--runtime',
        'docker',
        '--targets',
        'monolith',
        '--duration-scale',
        '3',
        '--out',
        out,
      ]);
      const text = await waitForOutput(child, (t) => /seeded \d+ items/.test(t), 90_000);
      const runId = runIdFrom(text)!;
      expect([...containersOfRun(runId).values()].sort()).toEqual(['app-0', 'postgres-0']);
      for (const signal of signals) {
        child.kill(signal);
        // Two signals sent at once would merge into one pending signal: let the first be handled.
        await new Promise((r) => setTimeout(r, 150));
      }
      const res = await done;
      expect(res.code).toBe(130);
      expect(containersOfRun(runId).size).toBe(0);
      expect(processesOfRun(runId)).toEqual([]);
      expect(leftoverPaths(runId)).toEqual([]);
    });
  }

  it('a daemon that does not answer is exit code 5 with a hint, and nothing is written', async () => {
    const before = readdirSync(out);
    const res = await runCli(
      ['run', 'scenarios/quickstart.ts', '--runtime', 'docker', '--duration-scale', '0.1', '--out', out],
      { env: { DOCKER_HOST: 'unix:///nonexistent/harness-docker.sock' } },
    );
    expect(res.code, res.stderr).toBe(5);
    // Without a docker client at all, it says that instead.
    expect(res.stderr).toMatch(/no Docker daemon answers|docker client\) is not installed/);
    expect(res.stderr).toMatch(/hint: .*--runtime local/);
    expect(readdirSync(out)).toEqual(before);
  });
});
