/**
 * Process faults, through the runtime's `Instance` verbs: kill (SIGKILL),
 * stop (graceful), pause (SIGSTOP … SIGCONT), restart. A kill or stop with
 * `restartAfter` is reverted by starting the instance again — same port, same
 * data — and counts as reverted once it is ready.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultOf, Instance, Revertible } from '../../model/index.ts';
import { applyEach } from './applied-fault.ts';
import { selectInstances } from './select.ts';
import type { Injector } from './types.ts';

const gracefulStopMs = 10_000;

const restartAll = (instances: readonly Instance[]): Revertible => ({
  async revert() {
    await Promise.all(instances.map((i) => i.restart()));
  },
});

export const kill: Injector<FaultOf<'kill'>> = async (deployment, fault, ctx) => {
  const instances = selectInstances(deployment, fault.target, fault.instance);
  await Promise.all(instances.map((i) => i.kill('SIGKILL')));
  ctx.log(`killed ${instances.map((i) => i.id).join(', ')}`);
  return fault.restartAfter === undefined ? null : restartAll(instances);
};

export const stop: Injector<FaultOf<'stop'>> = async (deployment, fault, ctx) => {
  const instances = selectInstances(deployment, fault.target, fault.instance);
  await Promise.all(instances.map((i) => stopGracefully(i, ctx.log)));
  ctx.log(`stopped ${instances.map((i) => i.id).join(', ')}`);
  return fault.restartAfter === undefined ? null : restartAll(instances);
};

/** The server's own graceful signal (Postgres: SIGINT, fast shutdown — SIGTERM would wait for every client). */
async function stopGracefully(instance: Instance, log: (line: string) => void): Promise<void> {
  await instance.kill(instance.kind === 'postgres' ? 'SIGINT' : 'SIGTERM');
  const deadline = Date.now() + gracefulStopMs;
  while (instance.isRunning() && Date.now() < deadline) await sleep(25);
  if (instance.isRunning()) {
    log(`${instance.id} did not stop within ${gracefulStopMs} ms: SIGKILL`);
    await instance.kill('SIGKILL');
  }
}

export const pause: Injector<FaultOf<'pause'>> = async (deployment, fault, ctx) => {
  const instances = selectInstances(deployment, fault.target, fault.instance);
  const handle = await applyEach(instances, async (i) => {
    await i.pause();
    return { revert: () => i.resume() };
  });
  ctx.log(`paused ${instances.map((i) => i.id).join(', ')}`);
  return handle;
};

export const restart: Injector<FaultOf<'restart'>> = async (deployment, fault, ctx) => {
  const instances = selectInstances(deployment, fault.target, fault.instance);
  await Promise.all(instances.map((i) => i.restart()));
  ctx.log(`restarted ${instances.map((i) => i.id).join(', ')}`);
  return null;
};
