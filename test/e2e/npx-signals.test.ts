/**
 * Stopping `npx harness run …` as a script, a CI runner or a supervisor does:
 * a signal to the npx process alone, not to its process group. npm forwards
 * it to the shell it runs harness under (`sh -c 'harness' …`), which either
 * dies (SIGTERM) or holds it (SIGINT); harness sees its wrapper go or get
 * signalled and stops everything it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../model/index.ts';
import { REPO, waitForOutput } from '../helpers/cli.ts';
import { isAlive, processesOfRun, runState } from '../helpers/processes.ts';

const out = mkdtempSync(join(tmpdir(), 'harness-npx-signals-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function startNpx(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null }>;
} {
  const child = spawn('npx', ['harness', ...args], {
    cwd: REPO,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.resume();
  child.stderr!.resume();
  const done = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, done };
}

/** The harness process of the run: the owner its state file names. */
function ownerOf(runId: string): number {
  const file = join(tmpdir(), 'harness-state', `${runId}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { ownerPid: number }).ownerPid;
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

describe('a signal to the npx wrapper', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to the npx pid stops harness, Postgres and the service`, async () => {
      const { child, done } = startNpx([
        'run',
        'scenarios/quickstart.ts',
        '--targets',
        'monolith',
        '--trials',
        '1',
        '--duration-scale',
        '3',
        '--out',
        out,
      ]);
      const text = await waitForOutput(child, (t) => /warmed up for/.test(t), 120_000);
      const runId = /run (\S+): \d+ cell/.exec(text)![1]!;
      const harness = ownerOf(runId);
      // npx is not harness: the signal goes to the wrapper only.
      expect(harness).not.toBe(child.pid);
      const servers = processesOfRun(runId);
      expect(servers.length).toBeGreaterThanOrEqual(2); // postgres and the service
      const state = runState(runId)!;

      child.kill(signal);

      expect(await until(() => !isAlive(harness), 30_000), `harness (pid ${harness}) still runs`).toBe(true);
      expect(processesOfRun(runId)).toEqual([]);
      expect(servers.filter(isAlive)).toEqual([]);
      for (const dir of state.tempDirs) expect(existsSync(dir)).toBe(false);
      expect(runState(runId)).toBeUndefined();
      // The wrapper is gone too, and the partial result says why the run stopped.
      const exited = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
      expect(exited).not.toBe('timeout');
      const results = JSON.parse(readFileSync(join(out, runId, 'results.json'), 'utf8')) as RunResults;
      expect(results.status).toBe('aborted');
      expect(results.verdict?.reason).toMatch(/wrapper|parent/);
    });
  }
});
