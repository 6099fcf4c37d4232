/**
 * A running HAProxy's backends, changed live through its runtime API — the
 * load balancer is never restarted, so no connection of the load is cut:
 *
 * - add: `add server` (HAProxy 2.5+: a dynamic server, created in
 *   maintenance) with the same health check as the configured ones,
 *   `enable health`, `set server … state ready`; resolves once `show stat`
 *   says it is UP.
 * - remove: `set server … state drain` (no new requests; those in flight
 *   finish), wait until it has no session and nothing queued, `state maint`,
 *   `del server` (retried while HAProxy still holds idle connections to it).
 *
 * The config file is rewritten with the current servers after each change,
 * so a restart of the balancer (a chaos fault) comes back with the same set.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { writeAtomic } from '../../../results/atomic-write.ts';
import {
  type HaproxyConfigInput,
  type HaproxyServer,
  haproxyBackend,
  haproxyConfig,
  serverOptions,
} from './haproxy-config.ts';
import { haproxyCommand, parseServerStats, refusal, type ServerStat } from './haproxy-runtime-api.ts';
import type { BalancerControl, PeerInstance } from './types.ts';

const pollMs = 50;
const upWithinMs = 10_000;
const deleteWithinMs = 5_000;

export interface HaproxyBalancerOptions {
  /** The stats socket (`stats socket <path> level admin`). */
  socket: string;
  /** The config file the balancer was started with; rewritten on every change. */
  configFile: string;
  config: HaproxyConfigInput;
  /** The components it balances over (its `uses`). */
  over: readonly string[];
  log: (line: string) => void;
}

export function haproxyBalancer(opts: HaproxyBalancerOptions): BalancerControl {
  const servers: HaproxyServer[] = [...opts.config.servers];
  const backend = haproxyBackend;
  const run = async (command: string, ok: readonly string[] = []): Promise<string> => {
    const answer = await haproxyCommand(opts.socket, command);
    const no = refusal(answer, ok);
    if (no !== undefined) throw new Error(`HAProxy refused "${command}": ${no}`);
    return answer;
  };
  const stat = async (server: string): Promise<ServerStat | undefined> =>
    parseServerStats(await haproxyCommand(opts.socket, `show stat ${backend} 4 -1`)).find(
      (s) => s.server === server,
    );
  const saveConfig = () => writeAtomic(opts.configFile, haproxyConfig({ ...opts.config, servers }));

  return {
    over: opts.over,
    servers: () => servers.map((s) => s.name),

    async add(peer: PeerInstance, signal?: AbortSignal): Promise<void> {
      const name = `${backend}/${peer.id}`;
      const began = Date.now();
      await run(`add server ${name} ${peer.host}:${peer.port} ${serverOptions(opts.config.settings)}`, [
        'New server registered',
      ]);
      servers.push({ name: peer.id, host: peer.host, port: peer.port });
      await run(`enable health ${name}`);
      await run(`set server ${name} state ready`);
      const deadline = Date.now() + upWithinMs;
      for (;;) {
        signal?.throwIfAborted();
        const s = await stat(peer.id);
        if (s?.status === 'UP') break;
        if (Date.now() > deadline)
          throw new Error(`${name} is ${s?.status ?? 'missing'} ${upWithinMs} ms after it was added`);
        await sleep(pollMs);
      }
      opts.log(`${name} added and UP in ${Date.now() - began} ms`);
      await saveConfig();
    },

    async remove(server: string, drainTimeoutMs: number): Promise<void> {
      const name = `${backend}/${server}`;
      await run(`set server ${name} state drain`);
      const drainedBy = Date.now() + drainTimeoutMs;
      for (;;) {
        const s = await stat(server);
        if (s === undefined || (s.sessions === 0 && s.queued === 0)) break;
        if (Date.now() > drainedBy) {
          opts.log(
            `${name}: ${s.sessions} sessions and ${s.queued} queued still on it after ${drainTimeoutMs} ms of draining; cut`,
          );
          break;
        }
        await sleep(pollMs);
      }
      await run(`set server ${name} state maint`);
      await haproxyCommand(opts.socket, `shutdown sessions server ${name}`);
      const at = servers.findIndex((s) => s.name === server);
      if (at >= 0) servers.splice(at, 1);
      // Idle keep-alive connections to it are closed asynchronously: until then HAProxy refuses.
      const deleteBy = Date.now() + deleteWithinMs;
      for (;;) {
        const answer = await haproxyCommand(opts.socket, `del server ${name}`);
        if (refusal(answer, ['Server deleted', 'No such server']) === undefined) break;
        if (Date.now() > deleteBy) {
          opts.log(`${name} stays in maintenance (no traffic); HAProxy would not delete it: ${answer}`);
          break;
        }
        await sleep(pollMs);
      }
      await saveConfig();
    },
  };
}
