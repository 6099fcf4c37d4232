/**
 * Fault proxies on the edges of a topology (`StartOptions.edgeProxies`). For
 * an edge `from->to`, one proxy per instance of `to` (127.0.0.1, a free port,
 * upstream = the instance) is started once `to` is ready and before `from`
 * starts; `from` then sees the proxies wherever it looks up `to` — its env
 * templates (`{{to.url}}`, `{{to.urls}}`, `{{to.host}}`, `{{to.port}}`) and
 * its launcher's peers (HAProxy backends) — so its traffic really goes
 * through them. The proxies run inside this process.
 *
 * Every edge between two regions (`ComponentSpec.region`) gets proxies too,
 * whatever `edgeProxies` says, with the regions' link latency from the first
 * byte (`Topology.links`): the network between regions is part of the
 * topology, and a partition of a region cuts these.
 */
import type { Edge, EdgeProxy, EdgeProxyFactory, EdgeProxyOptions, Topology } from '../../../model/index.ts';
import { crossRegionEdges, type InputProblem, InvalidInputError } from '../../../model/index.ts';
import { freePort, releasePort } from './free-port.ts';
import type { PeerInstance } from './launchers/types.ts';

export interface EdgeRef {
  from: string;
  to: string;
  /** A link between two regions: its proxies delay every round trip by this from the start. */
  latency?: EdgeProxyOptions['latency'];
}

/**
 * The `uses` edges named by `edgeProxies` (`*` = all), plus every edge between
 * two regions (with its link's latency); every unknown name is an input problem.
 */
export function selectEdges(topology: Topology, edgeProxies: readonly string[] | undefined): EdgeRef[] {
  const links = new Map(
    crossRegionEdges(topology).map((e) => [
      `${e.from}->${e.to}`,
      e.link === undefined
        ? undefined
        : {
            roundTripMs: e.link.latencyMs,
            ...(e.link.jitterMs === undefined ? {} : { jitterMs: e.link.jitterMs }),
          },
    ]),
  );
  const withLink = (edge: EdgeRef): EdgeRef => {
    const latency = links.get(`${edge.from}->${edge.to}`);
    return latency === undefined ? edge : { ...edge, latency };
  };
  const picked = pickEdges(topology, edgeProxies);
  const names = new Set(picked.map((e) => `${e.from}->${e.to}`));
  const crossing = [...links.keys()]
    .filter((name) => !names.has(name))
    .map((name) => {
      const [from, to] = name.split('->') as [string, string];
      return { from, to };
    });
  return [...picked, ...crossing].map(withLink);
}

function pickEdges(topology: Topology, edgeProxies: readonly string[] | undefined): EdgeRef[] {
  const all = topology.components.flatMap((c) => (c.uses ?? []).map((to) => ({ from: c.name, to })));
  if (edgeProxies === undefined || edgeProxies.length === 0) return [];
  if (edgeProxies.includes('*')) return all;
  const problems: InputProblem[] = [];
  const picked: EdgeRef[] = [];
  edgeProxies.forEach((text, i) => {
    const edge = all.find((e) => `${e.from}->${e.to}` === text);
    if (edge === undefined) {
      problems.push({
        path: `edgeProxies[${i}]`,
        message: `"${text}" is not an edge of ${topology.name}; edges: ${all.map((e) => `${e.from}->${e.to}`).join(', ') || '(none)'}`,
      });
    } else if (!picked.includes(edge)) picked.push(edge);
  });
  if (problems.length > 0) throw new InvalidInputError(undefined, problems, 'name edges as "from->to"');
  return picked;
}

/** `url` with its host and port replaced (`postgres://u@127.0.0.1:5432/db` → the proxy's). */
export function proxiedUrl(url: string, host: string, port: number): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?)([^/:?#]+|\[[^\]]+\])(?::\d+)?(.*)$/i.exec(url);
  if (m === null) return url;
  return `${m[1]}${host}:${port}${m[3]}`;
}

const portAttempts = 3;

/** The proxies of one edge, one per instance of `to`, in index order; none left running on failure. */
export async function startEdge(
  edge: EdgeRef,
  upstreams: readonly PeerInstance[],
  start: EdgeProxyFactory,
  log: (line: string) => void,
): Promise<Edge> {
  const proxies: EdgeProxy[] = [];
  const { latency, ...ref } = edge;
  try {
    for (const instance of upstreams)
      proxies.push(await startOne(start, `${edge.from}->${instance.id}`, instance, latency));
  } catch (error) {
    await stopEdge({ ...ref, proxies });
    throw error;
  }
  const link = latency === undefined ? '' : ` (link: +${latency.roundTripMs} ms round trip)`;
  log(
    `edge ${edge.from}→${edge.to}: ${proxies.map((p) => `${p.port}→${p.upstream.port}`).join(', ')}${link}`,
  );
  return { ...ref, proxies };
}

async function startOne(
  start: EdgeProxyFactory,
  name: string,
  upstream: PeerInstance,
  latency: EdgeRef['latency'],
): Promise<EdgeProxy> {
  for (let attempt = 1; ; attempt++) {
    // A port from freePort(): the runtime will not hand it to a server while the proxy holds it.
    const port = await freePort();
    try {
      return await start({
        name,
        listen: { host: '127.0.0.1', port },
        upstream: { host: upstream.host, port: upstream.port },
        ...(latency === undefined ? {} : { latency }),
      });
    } catch (error) {
      releasePort(port);
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= portAttempts) throw error;
    }
  }
}

export async function stopEdge(edge: Edge): Promise<void> {
  await Promise.allSettled(edge.proxies.map((p) => p.stop()));
  for (const p of edge.proxies) releasePort(p.port);
}

/** What `from` sees of `to` through the edge's proxies: same ids, the proxies' addresses. */
export function proxiedPeers(edge: Edge, upstreams: readonly PeerInstance[]): PeerInstance[] {
  return upstreams.map((instance, i) => {
    const proxy = edge.proxies[i];
    if (proxy === undefined) return instance;
    return {
      id: instance.id,
      host: proxy.host,
      port: proxy.port,
      url: proxiedUrl(instance.url, proxy.host, proxy.port),
    };
  });
}
