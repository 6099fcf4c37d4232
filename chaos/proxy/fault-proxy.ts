/**
 * The fault proxy: a TCP listener placed on one edge of a topology. Clients
 * connect to it, it connects upstream, and toxics added to it apply to live and
 * future connections alike (Toxiproxy's model, in-process).
 */
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { ProxyConnection } from './connection.ts';
import { resolveToxic } from './toxics/index.ts';
import type {
  Endpoint,
  FaultProxy,
  FaultProxyOptions,
  FaultProxyStats,
  PartitionOptions,
  ResolvedToxic,
  RevertHandle,
  Toxic,
  ToxicHandle,
} from './types.ts';

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const proxy = new TcpFaultProxy(opts);
  if (opts.latency !== undefined && opts.latency.roundTripMs > 0) {
    const { roundTripMs, jitterMs } = opts.latency;
    for (const stream of ['upstream', 'downstream'] as const)
      proxy.addToxic({
        name: `link-${stream}`,
        type: 'latency',
        stream,
        latency_ms: roundTripMs / 2,
        ...(jitterMs === undefined ? {} : { jitter_ms: jitterMs / 2 }),
      });
  }
  await proxy.syncListener();
  return proxy;
}

class TcpFaultProxy implements FaultProxy {
  readonly name: string;
  readonly host: string;
  readonly upstream: Endpoint;
  port: number;
  private readonly random: () => number;
  private server: Server | undefined;
  private readonly connections = new Set<ProxyConnection>();
  private toxicList: ResolvedToxic[] = [];
  private isEnabled = true;
  private partitions = 0;
  private freezes = 0;
  private stopped = false;
  private listenerOps: Promise<void> = Promise.resolve();
  private idleWaiters: (() => void)[] = [];
  // Counters of connections that are gone; live ones are added in stats().
  private readonly totals = {
    accepted: 0,
    upstream: { received: 0, sent: 0 },
    downstream: { received: 0, sent: 0 },
  };

  constructor(opts: FaultProxyOptions) {
    this.name = opts.name;
    this.host = opts.listen?.host ?? '127.0.0.1';
    this.port = opts.listen?.port ?? 0;
    this.upstream = { ...opts.upstream };
    this.random = opts.random ?? Math.random;
  }

  get enabled(): boolean {
    return this.isEnabled;
  }

  addToxic(toxic: Toxic): ToxicHandle {
    if (this.stopped) throw new Error(`proxy ${this.name} is stopped`);
    const resolved = resolveToxic(toxic, new Set(this.toxicList.map((t) => t.name)));
    this.toxicList = [...this.toxicList, resolved];
    for (const conn of this.connections) conn.addToxic(resolved);
    let reverted = false;
    const revert = async () => {
      if (reverted) return;
      reverted = true;
      // Only this toxic: a later one that reuses the name is not this handle's to remove.
      if (this.toxicList.includes(resolved)) this.removeToxic(resolved.name);
    };
    return { name: resolved.name, toxic: { ...resolved }, revert, [Symbol.asyncDispose]: revert };
  }

  removeToxic(name: string): boolean {
    const before = this.toxicList.length;
    this.toxicList = this.toxicList.filter((t) => t.name !== name);
    if (this.toxicList.length === before) return false;
    for (const conn of this.connections) conn.removeToxic(name);
    return true;
  }

  toxics(): ResolvedToxic[] {
    return this.toxicList.map((t) => ({ ...t }));
  }

  async setEnabled(enabled: boolean): Promise<void> {
    if (this.stopped) throw new Error(`proxy ${this.name} is stopped`);
    this.isEnabled = enabled;
    const listener = this.syncListener();
    if (!enabled) for (const conn of this.connections) conn.destroy();
    await listener;
  }

  async partition(opts: PartitionOptions = {}): Promise<RevertHandle> {
    if (this.stopped) throw new Error(`proxy ${this.name} is stopped`);
    const freeze = (opts.existing ?? 'freeze') === 'freeze';
    this.partitions += 1;
    if (freeze) this.freezes += 1;
    const listener = this.syncListener();
    for (const conn of this.connections) {
      if (freeze) conn.freeze();
      else conn.destroy();
    }
    await listener;
    let reverted = false;
    const revert = async () => {
      if (reverted) return;
      reverted = true;
      this.partitions -= 1;
      if (freeze) {
        this.freezes -= 1;
        if (this.freezes === 0) for (const conn of this.connections) conn.unfreeze();
      }
      if (!this.stopped) await this.syncListener();
    };
    return { revert, [Symbol.asyncDispose]: revert };
  }

  stats(): FaultProxyStats {
    const t = this.totals;
    const stats: FaultProxyStats = {
      connections: { accepted: t.accepted, active: this.connections.size },
      bytes: { upstream: { ...t.upstream }, downstream: { ...t.downstream } },
      buffered: 0,
    };
    for (const conn of this.connections) {
      addLink(stats.bytes.upstream, conn.upstream);
      addLink(stats.bytes.downstream, conn.downstream);
      stats.buffered += conn.upstream.buffered + conn.downstream.buffered;
    }
    return stats;
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.toxicList = [];
      const listener = this.syncListener();
      for (const conn of this.connections) conn.destroy();
      await listener;
    }
    if (this.connections.size > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /**
   * Opens or closes the listener to match enabled / partitioned / stopped.
   * Closing is immediate (the port refuses at once); it does not wait for live
   * connections, which a frozen partition keeps open on purpose. Opens are
   * chained so a quick off-on-off cannot interleave.
   */
  syncListener(): Promise<void> {
    const want = this.isEnabled && this.partitions === 0 && !this.stopped;
    if (!want && this.server) {
      this.server.close();
      this.server = undefined;
    }
    this.listenerOps = this.listenerOps.then(() => this.openIfWanted());
    return this.listenerOps;
  }

  private async openIfWanted(): Promise<void> {
    const want = this.isEnabled && this.partitions === 0 && !this.stopped;
    if (!want || this.server) return;
    const server = createServer({ allowHalfOpen: true, noDelay: true }, this.onConnection);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // Same port on every re-open, so clients configured with it reconnect after "down" ends.
      server.listen({ host: this.host, port: this.port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Accept errors (EMFILE…) are the client's failed connect, not the proxy's crash.
    server.on('error', () => {});
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    // State may have changed while listening (e.g. setEnabled(false) right after a revert).
    if (!(this.isEnabled && this.partitions === 0 && !this.stopped)) {
      server.close();
      this.server = undefined;
    }
  }

  private readonly onConnection = (client: Socket): void => {
    if (this.server === undefined) {
      client.destroy(); // accepted just before the listener closed
      return;
    }
    this.totals.accepted += 1;
    const upstream = connect({ ...this.upstream, allowHalfOpen: true, noDelay: true });
    const conn = new ProxyConnection(client, upstream, this.random, this.forget);
    this.connections.add(conn);
    for (const toxic of this.toxicList) conn.addToxic(toxic);
    if (this.freezes > 0) conn.freeze();
  };

  private readonly forget = (conn: ProxyConnection): void => {
    if (!this.connections.delete(conn)) return;
    addLink(this.totals.upstream, conn.upstream);
    addLink(this.totals.downstream, conn.downstream);
    if (this.connections.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };
}

function addLink(into: { received: number; sent: number }, link: { received: number; sent: number }): void {
  into.received += link.received;
  into.sent += link.sent;
}
