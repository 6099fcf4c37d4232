/**
 * `harness clean` and the docker runtime: a harness process SIGKILLed with
 * its containers running never runs `stop()`; `cleanLeftovers()` must find
 * them by their `harness.run-id` label and remove them (and the run's dirs),
 * while the containers of a harness that is still alive are left alone.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanLeftovers,
  containerLabel,
  DockerRuntime,
  hostRootImage,
  readStat,
} from '../../harness/runtime/index.ts';
import { leftoverPaths, openPorts, settle, taggedPids } from '../fixtures/leftovers.ts';
import { containersOfRun, createLabelled, removeContainers, runDockerTests } from '../helpers/docker.ts';

const fixture = fileURLToPath(new URL('../fixtures/start-and-hang.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const children: ChildProcess[] = [];
const created: string[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  removeContainers(created);
  await cleanLeftovers();
});

function startAndHang(runId: string): Promise<{ ports: number[]; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', tsx, fixture, runId, 'docker'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined)
        resolve({ ports: (JSON.parse(line) as { ports: number[] }).ports, child });
    });
    child.once('exit', (code) => reject(new Error(`fixture exited with ${code}:\n${stderr}`)));
  });
}

describe.runIf(runDockerTests)('cleanLeftovers and docker', () => {
  it('removes the containers, ports and dirs of a docker run whose harness was SIGKILLed', async () => {
    const runId = `drt-clean-${process.pid}-${Date.now().toString(36)}`;
    const { ports, child } = await startAndHang(runId);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    // Its stop() never ran: the containers still serve.
    expect([...containersOfRun(runId).values()].sort()).toEqual(['app-0', 'pg-0']);
    expect(await openPorts(ports)).toEqual(ports);

    const result = await cleanLeftovers();
    expect(result.runs).toContain(runId);
    expect(result.containers).toBeGreaterThanOrEqual(2);

    expect(containersOfRun(runId).size).toBe(0);
    expect(await settle(() => openPorts(ports))).toEqual([]);
    expect(await settle(() => taggedPids(runId))).toEqual([]);
    expect(leftoverPaths(runId)).toEqual([]);
  });

  it("leaves a live harness's containers alone, and removes them once it is gone", async () => {
    await new DockerRuntime().preflight(); // the image, for `docker create`
    // Another harness, alive: a sleeping process stands in for it.
    const owner = spawn('sleep', ['60'], { stdio: 'ignore' });
    children.push(owner);
    const ticks = readStat(owner.pid!)?.startTicks ?? 0;
    const labelled = (runId: string, startTicks: number) => {
      const id = createLabelled(hostRootImage, {
        [containerLabel.runId]: runId,
        [containerLabel.instance]: 'app-0',
        [containerLabel.ownerPid]: String(owner.pid),
        [containerLabel.ownerStart]: String(startTicks),
      });
      created.push(id);
      return id;
    };
    const live = `drt-live-${process.pid}-${Date.now().toString(36)}`;
    // The same pid with another start time: the owner died and its pid went to someone else.
    const reused = `drt-reused-${process.pid}-${Date.now().toString(36)}`;
    labelled(live, ticks);
    labelled(reused, ticks + 1);

    const first = await cleanLeftovers();
    expect(first.runs).not.toContain(live);
    expect(containersOfRun(live).size).toBe(1);
    expect(first.runs).toContain(reused);
    expect(containersOfRun(reused).size).toBe(0);

    const gone = new Promise((r) => owner.once('exit', r));
    owner.kill('SIGKILL');
    await gone;
    const second = await cleanLeftovers();
    expect(second.runs).toContain(live);
    expect(containersOfRun(live).size).toBe(0);
  });
});
