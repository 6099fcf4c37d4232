/**
 * Topologies: components with replica counts and settings, and the edges
 * between them. Declarative data — `defineTopology` is an identity function
 * for editor typing, in the manner of vitest's `defineConfig`.
 */

export type ComponentKind =
  | 'service' // the harness service under test (targets/service)
  | 'command' // a user's own service, started with a shell command
  | 'external' // a user's service that is already running (no process)
  | 'postgres'
  | 'redis'
  | 'haproxy'
  | 'nats'
  | 'worker';

export interface ComponentSpec {
  /** Unique in the topology: `app`, `postgres`, `cache`. */
  name: string;
  kind: ComponentKind;
  /** Default 1. */
  replicas?: number;
  /**
   * Components this one talks to. The runtime starts them first, and each
   * becomes an edge (`app→postgres`) where network faults can be placed.
   */
  uses?: string[];
  /**
   * Environment for service/command/worker processes. Values may reference
   * other components: `{{postgres.url}}` (first instance), `{{postgres.urls}}`
   * (comma-joined, all instances), `{{postgres.host}}`, `{{postgres.port}}`,
   * `{{self.port}}`, `{{self.index}}`.
   */
  env?: Record<string, string>;
  /**
   * kind `postgres`: this component is a streaming replica (hot standby) of
   * the named `postgres` component — each instance a `pg_basebackup` of its
   * first instance. The named component is started first.
   */
  replicaOf?: string;
  /** Server settings: postgresql.conf / redis.conf / haproxy options, by kind. */
  settings?: Record<string, string | number | boolean>;
  /** kind `command`: the shell command, its working directory and port. */
  command?: string;
  cwd?: string;
  port?: number;
  /** kind `external`: the running service's base URL. */
  url?: string;
  /** Health path (`/health`) or URL for HTTP readiness; default: TCP connect. */
  health?: string;
  /** Readiness deadline, ms (default 30 000). */
  startTimeoutMs?: number;
  /**
   * The region it runs in (`eu`, `us`). Every edge between components of two
   * different regions crosses their link (`Topology.links`): the runtime puts
   * a proxy on it with the link's latency from the first byte, and a fault
   * with `region` (a partition of that region) cuts them all.
   */
  region?: string;
}

/** The network between two regions: added to every round trip on an edge between their components. */
export interface RegionLink {
  between: [string, string];
  /** Round-trip time added, ms (half each way). */
  latencyMs: number;
  /** ± this much, uniform, ms. */
  jitterMs?: number;
}

export interface Topology {
  name: string;
  description: string;
  components: ComponentSpec[];
  /** The component whose address receives the load. */
  entry: string;
  /**
   * Named entry points besides `entry` (a region's own service): a scenario's
   * executor with `entry: 'us'` sends its requests to this component's first
   * instance (clients with a home region).
   */
  entries?: Record<string, string>;
  /** Latencies between the regions of its components (see `ComponentSpec.region`). */
  links?: RegionLink[];
}

/** The link between two regions, either way round; undefined when the topology declares none. */
export function linkBetween(topology: Topology, a: string, b: string): RegionLink | undefined {
  return topology.links?.find(
    (l) => (l.between[0] === a && l.between[1] === b) || (l.between[0] === b && l.between[1] === a),
  );
}

/** `uses` edges whose two components are in different regions: where the regions' links are. */
export function crossRegionEdges(topology: Topology): { from: string; to: string; link?: RegionLink }[] {
  const regionOf = new Map(topology.components.map((c) => [c.name, c.region]));
  return topology.components.flatMap((c) =>
    (c.uses ?? []).flatMap((to) => {
      const a = c.region;
      const b = regionOf.get(to);
      if (a === undefined || b === undefined || a === b) return [];
      const link = linkBetween(topology, a, b);
      return [{ from: c.name, to, ...(link === undefined ? {} : { link }) }];
    }),
  );
}

/** A named architecture whose parameters a scenario can override. */
export interface TopologyDefinition<P extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  description: string;
  /** Default parameters; a scenario's `params` are merged over them and checked against their types. */
  defaults: P;
  /** Short help per parameter, listed by `harness targets`. */
  paramHelp?: Partial<Record<keyof P, string>>;
  build(params: P): Topology;
}

export function defineTopology<P extends Record<string, unknown>>(
  def: TopologyDefinition<P>,
): TopologyDefinition<P> {
  return def;
}
