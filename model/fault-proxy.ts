/**
 * What the runtime needs of a fault proxy, and no more: where it listens,
 * where it forwards, how to stop it. The runtime starts one per instance on a
 * faulted edge through a factory the caller hands it (`StartOptions.proxyFactory`),
 * so the runtime never imports chaos; chaos's proxies (chaos/proxy) implement
 * this and add the toxics its injectors apply.
 */

export interface Endpoint {
  host: string;
  port: number;
}

export interface EdgeProxy {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly upstream: Endpoint;
  /** Closes the listener and every connection. Idempotent. */
  stop(): Promise<void>;
}

export interface EdgeProxyOptions {
  /** `app->postgres-0`. */
  name: string;
  listen: { host: string; port: number };
  upstream: Endpoint;
  /**
   * A permanent round-trip latency, from the first byte to the stop (the link
   * between two regions): not a fault, never reverted. Faults add to it.
   */
  latency?: { roundTripMs: number; jitterMs?: number };
}

/** Starts one proxy; rejects with the listener's error (`EADDRINUSE`: the runtime retries on another port). */
export type EdgeProxyFactory = (options: EdgeProxyOptions) => Promise<EdgeProxy>;
