/**
 * The public shapes of the TCP fault proxy: toxics (Toxiproxy's names and
 * attributes, with units in the attribute names), the proxy and its handles.
 */

/** `upstream` = client → server, `downstream` = server → client (Toxiproxy's words). */
export type ToxicStream = 'upstream' | 'downstream';

interface ToxicBase {
  /** Unique per proxy; defaults to `${type}_${stream}` as Toxiproxy does. */
  name?: string;
  /** Defaults to `downstream`, as in Toxiproxy. */
  stream?: ToxicStream;
  /** Probability (0..1) that the toxic applies to a given connection; rolled once per connection. Default 1. */
  toxicity?: number;
}

/** Delays every chunk by `latency_ms` ± `jitter_ms` (uniform), counted from when the proxy read it; order is kept. */
export interface LatencyToxic extends ToxicBase {
  type: 'latency';
  latency_ms: number;
  jitter_ms?: number;
}

/** Limits throughput to `rate_kbps` kilobytes (1000 bytes) per second — Toxiproxy's `rate`, KB/s, not kilobits. */
export interface BandwidthToxic extends ToxicBase {
  type: 'bandwidth';
  rate_kbps: number;
}

/** Drops all data and closes the connection after `timeout_ms`; 0 = drop data and hold the connection until removed. */
export interface TimeoutToxic extends ToxicBase {
  type: 'timeout';
  timeout_ms: number;
}

/** On the first data after it applies, drops data and resets (TCP RST) both sides `timeout_ms` later. */
export interface ResetPeerToxic extends ToxicBase {
  type: 'reset_peer';
  timeout_ms?: number;
}

/** Delays passing on the end of the stream (FIN) by `delay_ms`. */
export interface SlowCloseToxic extends ToxicBase {
  type: 'slow_close';
  delay_ms: number;
}

/** Cuts chunks into slices of `average_size` ± `size_variation` bytes, `delay_us` apart. */
export interface SlicerToxic extends ToxicBase {
  type: 'slicer';
  average_size: number;
  size_variation?: number;
  delay_us?: number;
}

/** Passes `bytes` bytes on this stream of a connection, then closes the connection. */
export interface LimitDataToxic extends ToxicBase {
  type: 'limit_data';
  bytes: number;
}

/**
 * Packet loss as TCP shows it to applications. TCP cannot lose bytes silently,
 * so a "dropped" chunk is delivered after a retransmission delay (`retransmit_ms`,
 * default 200 ms = Linux's minimum RTO) and holds everything behind it
 * (head-of-line blocking). Not a Toxiproxy toxic.
 */
export interface DropToxic extends ToxicBase {
  type: 'drop';
  probability: number;
  retransmit_ms?: number;
}

export type Toxic =
  | LatencyToxic
  | BandwidthToxic
  | TimeoutToxic
  | ResetPeerToxic
  | SlowCloseToxic
  | SlicerToxic
  | LimitDataToxic
  | DropToxic;

export type ToxicType = Toxic['type'];

/** A toxic as the proxy holds it: name, stream and toxicity filled in. */
export type ResolvedToxic = Toxic & Required<ToxicBase>;

import type { EdgeProxy, Endpoint } from '../../model/index.ts';

export type { Endpoint };

export interface FaultProxyOptions {
  name: string;
  /** Default `127.0.0.1`, port 0 (a free port). */
  listen?: { host?: string; port?: number };
  upstream: Endpoint;
  /** Source of randomness for toxicity, jitter, slicing and drops (default Math.random) — inject for repeatable tests. */
  random?: () => number;
  /**
   * A permanent round-trip latency (the link between two regions): two
   * latency toxics named `link-upstream` / `link-downstream`, half of it each
   * way, there from the first byte; faults add theirs on top.
   */
  latency?: { roundTripMs: number; jitterMs?: number };
}

/** Something applied that can be taken back: `revert()` is idempotent. */
export interface RevertHandle extends AsyncDisposable {
  revert(): Promise<void>;
}

export interface ToxicHandle extends RevertHandle {
  readonly name: string;
  readonly toxic: ResolvedToxic;
}

export interface PartitionOptions {
  /**
   * What happens to live connections. `freeze` (default): nothing moves either
   * way and nothing is closed — senders block once kernel buffers fill, as they
   * would behind a real partition, and the held bytes flow again on revert (TCP
   * would have retransmitted them). `close`: they are closed.
   */
  existing?: 'freeze' | 'close';
}

export interface StreamStats {
  /** Bytes the proxy read from the sending side. */
  received: number;
  /** Bytes the proxy wrote to the receiving side. */
  sent: number;
}

export interface FaultProxyStats {
  connections: { accepted: number; active: number };
  bytes: { upstream: StreamStats; downstream: StreamStats };
  /** Bytes held in the proxy's own memory (toxic queues and socket write buffers) right now. */
  buffered: number;
}

export interface FaultProxy extends EdgeProxy, AsyncDisposable {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly upstream: Endpoint;
  /** Applies the toxic to live connections (rolled per connection by toxicity) and to every new one. */
  addToxic(toxic: Toxic): ToxicHandle;
  /** Removes a toxic from the proxy and every live connection; false if there was none by that name. */
  removeToxic(name: string): boolean;
  toxics(): ResolvedToxic[];
  /** `false` = Toxiproxy's "down": the listener closes (connections are refused) and live connections are closed. */
  setEnabled(enabled: boolean): Promise<void>;
  readonly enabled: boolean;
  /** Both streams cut: new connections refused, live ones frozen (or closed) until revert. */
  partition(opts?: PartitionOptions): Promise<RevertHandle>;
  stats(): FaultProxyStats;
  /** Closes the listener and every connection, removes all toxics. Idempotent. */
  stop(): Promise<void>;
}
