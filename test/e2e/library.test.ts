/**
 * harness as a library and from anywhere on disk: a scenario in a fresh
 * directory outside the repository imports `defineScenario` from 'harness'
 * and runs with `npx harness run`; `runScenario` runs one in-process against
 * real servers and hands back the results without touching the process.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { defineScenario, InvalidInputError, runScenario } from '../../harness/index.ts';
import { REPO } from '../helpers/cli.ts';
import { processesOfRun } from '../helpers/processes.ts';

const exec = promisify(execFile);
const outside = mkdtempSync(join(tmpdir(), 'harness-outside-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const SCENARIO = `import { defineScenario } from 'harness';

export default defineScenario({
  name: 'from-outside',
  targets: ['monolith'],
  dataset: { items: 50, valueSize: 16 },
  workload: { mix: [{ name: 'get-item', path: '/items/{key}' }] },
  profiles: { quick: { executor: 'constant-arrival-rate', rate: 50, duration: '2s' } },
  thresholds: { http_req_failed: ['rate<0.01'] },
});
`;

describe('a scenario outside the repository', () => {
  it("imports defineScenario from 'harness' and runs with npx harness run", async () => {
    const file = join(outside, 'scenario.ts');
    writeFileSync(file, SCENARIO);
    const out = join(outside, 'results');
    const { stdout, stderr } = await exec('npx', ['harness', 'run', file, '--out', out, '--quiet'], {
      cwd: REPO,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    expect(stderr).not.toMatch(/Cannot find package/);
    expect(stdout).toMatch(/wrote .*results\.json/);
    const runDir = /run (\S+): 1 cell/.exec(stderr)?.[1];
    expect(runDir).toBeDefined();
    const results = JSON.parse(readFileSync(join(out, runDir!, 'results.json'), 'utf8'));
    expect(results.status).toBe('completed');
    expect(results.cells[0].summary.requests).toBeGreaterThan(80);
    expect(results.scenario.file).toBe(file);
  });
});

describe('runScenario (the library)', () => {
  it('runs a scenario object against real servers and returns its results, leaving the process alone', async () => {
    const listeners = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
    const exitCode = process.exitCode;
    const lines: string[] = [];
    const outcome = await runScenario(
      defineScenario({
        name: 'library',
        targets: ['monolith'],
        dataset: { items: 50, valueSize: 16 },
        workload: {
          mix: [
            { name: 'put-item', method: 'PUT', path: '/items/{key}', body: { value: 'v' }, ledger: true },
          ],
        },
        profiles: { quick: { executor: 'constant-vus', vus: 2, duration: '2s' } },
      }),
      { out: join(outside, 'library-results'), log: (l) => lines.push(l) },
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.results.status).toBe('completed');
    const [cell] = outcome.results.cells;
    expect(cell!.integrity).toMatchObject({ lost: 0 });
    expect(cell!.integrity!.checked).toBeGreaterThan(10);
    expect(outcome.files.some((f) => f.endsWith('report.html') && existsSync(f))).toBe(true);
    expect(lines.some((l) => /started in \d+ ms/.test(l))).toBe(true);
    // Nothing of the process was touched, and nothing it started is left.
    expect(process.listenerCount('SIGINT')).toBe(listeners.SIGINT);
    expect(process.listenerCount('SIGTERM')).toBe(listeners.SIGTERM);
    expect(process.exitCode).toBe(exitCode);
    expect(processesOfRun(outcome.results.runId)).toEqual([]);
  });

  it('stops the run when its signal aborts: partial results, status aborted, nothing left running', async () => {
    const abort = new AbortController();
    const outcome = await runScenario(
      defineScenario({
        name: 'library-abort',
        targets: ['monolith'],
        workload: { mix: [{ name: 'get-item', path: '/items/{key}' }] },
        profiles: { long: { executor: 'constant-vus', vus: 2, duration: '60s' } },
      }),
      {
        out: join(outside, 'library-results'),
        signal: abort.signal,
        observers: [{ onInterval: (cell) => cell.intervals.length >= 1 && abort.abort(new Error('enough')) }],
      },
    );
    expect(outcome.results.status).toBe('aborted');
    expect(outcome.exitCode).toBe(130);
    expect(outcome.results.cells[0]!.intervals.length).toBeGreaterThanOrEqual(1);
    expect(processesOfRun(outcome.results.runId)).toEqual([]);
  });

  it('rejects an invalid scenario object before anything starts, naming every problem', async () => {
    const bad = { name: 'bad', targets: ['nope'], workload: { mix: [] }, profiles: {} };
    const err = await runScenario(bad as never, { out: join(outside, 'never') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['targets[0]', 'workload.mix']),
    );
    expect(existsSync(join(outside, 'never'))).toBe(false);
  });
});
