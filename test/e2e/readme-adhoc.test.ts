/**
 * The README's ad-hoc load block, run as pasted: it starts a target in the
 * background, waits for it before the load (`--wait`), and stops it. Not one
 * request may fail — before `--wait`, the load started while the target was
 * still starting and 9 % of the requests were refused, with exit code 0.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.ts';
import { portOpen, processesOfRun } from '../helpers/processes.ts';

/** The first ```sh block under "### Ad-hoc load on one URL". */
function adHocBlock(): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Ad-hoc load on one URL'));
  const m = /```sh\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('no ```sh block in the README ad-hoc section');
  return m[1]!;
}

function runShell(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('bash', ['-c', script], {
    cwd: REPO,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  // 'close': every process holding the pipes — the background target included — has exited.
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the README ad-hoc load block', () => {
  it('run verbatim, has 0 failed requests and leaves nothing running', async () => {
    const block = adHocBlock();
    expect(block).toMatch(/--wait/);
    const port = Number(/--port (\d+)/.exec(block)![1]);
    expect(await portOpen(port), `port ${port} is in use: the README block needs it free`).toBe(false);
    const summaryFile = join(REPO, /--summary-export (\S+)/.exec(block)![1]!);
    const started = Date.now();
    try {
      const res = await runShell(block);
      const output = `${res.stdout}\n${res.stderr}`;
      expect(existsSync(summaryFile), output).toBe(true);
      expect(statSync(summaryFile).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
      const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as {
        metrics: { http_reqs: { count: number }; http_req_failed: { passes: number; value: number } };
      };
      // 500/s for 20 s, every one answered.
      expect(summary.metrics.http_reqs.count, output).toBeGreaterThan(9000);
      expect(summary.metrics.http_req_failed.passes, output).toBe(0);
      // The target was stopped by the block's last line: its port is closed, its processes gone.
      const upRun = /run id (\S+-up-monolith-\w+)/.exec(output)?.[1];
      expect(upRun, output).toBeDefined();
      expect(processesOfRun(upRun!)).toEqual([]);
      expect(await portOpen(port)).toBe(false);
    } finally {
      rmSync(summaryFile, { force: true });
    }
  });
});
