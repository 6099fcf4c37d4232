/**
 * `harness clean`: a harness process that is SIGKILLed never runs `stop()`;
 * `cleanLeftovers()` must find its Postgres and server through the state file
 * and the process environment, and remove them and their temp dirs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanLeftovers } from '../../harness/runtime/index.ts';
import { alivePids, leftoverPaths, openPorts, settle, taggedPids } from '../fixtures/leftovers.ts';
import { runCli } from '../helpers/cli.ts';

const fixture = fileURLToPath(new URL('../fixtures/start-and-hang.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Started {
  runId: string;
  pids: number[];
  ports: number[];
  dirs: string[];
}

let child: ChildProcess | undefined;

afterAll(async () => {
  child?.kill('SIGKILL');
  // Whatever the test did not get to: the same cleanup, run again.
  await cleanLeftovers();
});

async function startFixture(runId: string): Promise<Started> {
  child = spawn(process.execPath, ['--import', tsx, fixture, runId], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise<Started>((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve(JSON.parse(line) as Started);
    });
    child!.once('exit', (code) => reject(new Error(`fixture exited with ${code}:\n${stderr}`)));
  });
}

describe('cleanLeftovers', () => {
  it('leaves a run whose harness still runs alone, and names it', async () => {
    const runId = `lrt-live-${process.pid}-${Date.now().toString(36)}`;
    const started = await startFixture(runId);
    const owner = child!.pid!;
    const result = await cleanLeftovers();
    expect(result.runs).not.toContain(runId);
    expect(result.live).toContainEqual({ runId, ownerPid: owner });
    expect(alivePids(started.pids)).toEqual(started.pids);
    const cli = await runCli(['clean']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`left run ${runId} alone: its harness (pid ${owner}) is still running`);
    expect(alivePids(started.pids)).toEqual(started.pids);
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    await exited;
    expect((await cleanLeftovers()).runs).toContain(runId);
    expect(await settle(() => taggedPids(runId))).toEqual([]);
  });

  it('removes the processes, ports and dirs of a run whose harness was SIGKILLed', async () => {
    const runId = `lrt-clean-${process.pid}-${Date.now().toString(36)}`;
    const started = await startFixture(runId);
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    await exited;

    // Its stop() never ran: everything is still there.
    expect(alivePids(started.pids).length).toBeGreaterThan(1);
    expect(await openPorts(started.ports)).toEqual(started.ports);

    const result = await cleanLeftovers();
    expect(result.runs).toContain(runId);
    expect(result.processes).toBeGreaterThanOrEqual(2);
    expect(result.dirs).toBeGreaterThanOrEqual(1);

    expect(await settle(() => alivePids(started.pids))).toEqual([]);
    expect(await settle(() => taggedPids(runId))).toEqual([]);
    expect(await settle(() => openPorts(started.ports))).toEqual([]);
    expect(leftoverPaths(runId)).toEqual([]);
  });
});
