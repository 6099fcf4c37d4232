/**
 * Network faults, through the fault proxies on an edge (`Deployment.edges`).
 * A toxic fault becomes one Toxiproxy toxic per proxy and direction
 * (`both` = two); `latency` is the round trip's, so `both` puts half on each
 * way. `down` closes the proxies (connections refused), `partition` cuts both
 * directions and freezes (or closes) live connections.
 */
import type { Deployment, FaultOf, ToxicFault } from '../../model/index.ts';
import { parseDuration } from '../../model/index.ts';
import { partition as partitionProxies } from '../proxy/index.ts';
import type { FaultProxy, Toxic, ToxicStream } from '../proxy/types.ts';
import { applyEach } from './applied-fault.ts';
import { proxiesAcross, proxiesInto, selectProxies } from './select.ts';
import type { Injector } from './types.ts';

let sequence = 0;

/** The Toxiproxy toxic for one direction of a fault (`share` = 0.5 when latency is split over both). */
export function toxicOf(fault: ToxicFault, stream: ToxicStream, name: string, share = 1): Toxic {
  const base = { name, stream, ...(fault.toxicity === undefined ? {} : { toxicity: fault.toxicity }) };
  switch (fault.kind) {
    case 'latency':
      return {
        ...base,
        type: 'latency',
        latency_ms: parseDuration(fault.latency) * share,
        ...(fault.jitter === undefined ? {} : { jitter_ms: parseDuration(fault.jitter) * share }),
      };
    case 'bandwidth':
      return { ...base, type: 'bandwidth', rate_kbps: fault.rateKbps };
    case 'timeout':
      return { ...base, type: 'timeout', timeout_ms: parseDuration(fault.timeout) };
    case 'reset':
      return {
        ...base,
        type: 'reset_peer',
        timeout_ms: fault.after === undefined ? 0 : parseDuration(fault.after),
      };
    case 'slicer':
      return {
        ...base,
        type: 'slicer',
        average_size: fault.averageSize,
        ...(fault.sizeVariation === undefined ? {} : { size_variation: fault.sizeVariation }),
        ...(fault.delayUs === undefined ? {} : { delay_us: fault.delayUs }),
      };
    case 'limit-data':
      return { ...base, type: 'limit_data', bytes: fault.bytes };
    case 'slow-close':
      return { ...base, type: 'slow_close', delay_ms: parseDuration(fault.delay) };
    case 'drop':
      return { ...base, type: 'drop', probability: fault.probability };
  }
}

/** The toxics of one fault on one proxy. */
export function toxicsOf(fault: ToxicFault, name: string): Toxic[] {
  const direction = fault.direction ?? 'both';
  const streams: ToxicStream[] = direction === 'both' ? ['upstream', 'downstream'] : [direction];
  const share = fault.kind === 'latency' && streams.length === 2 ? 0.5 : 1;
  return streams.map((stream) => toxicOf(fault, stream, `${name}-${stream}`, share));
}

/** The proxies of a network fault: its edge's, those of every edge into its `target`, or its `region`'s links. */
function proxiesOf(deployment: Deployment, fault: ToxicFault | FaultOf<'partition'>): FaultProxy[] {
  if (fault.edge !== undefined) return selectProxies(deployment, fault.edge, fault.instance);
  if (fault.region !== undefined) return proxiesAcross(deployment, fault.region);
  return proxiesInto(deployment, fault.target ?? '', fault.instance);
}

const where = (fault: ToxicFault | FaultOf<'partition'>): string =>
  fault.edge ??
  (fault.region !== undefined ? `every link of region ${fault.region}` : `every edge into ${fault.target}`);

export const toxic: Injector<ToxicFault> = async (deployment, fault, ctx) => {
  const proxies = proxiesOf(deployment, fault);
  const name = `fault${++sequence}-${fault.kind}`;
  const handle = await applyEach(
    proxies.flatMap((proxy) => toxicsOf(fault, name).map((t) => ({ proxy, t }))),
    async ({ proxy, t }) => proxy.addToxic(t),
  );
  ctx.log(`${fault.kind} on ${where(fault)} (${proxies.length} prox${proxies.length === 1 ? 'y' : 'ies'})`);
  return handle;
};

export const down: Injector<FaultOf<'down'>> = async (deployment, fault, ctx) => {
  const proxies = selectProxies(deployment, fault.edge, fault.instance);
  const handle = await applyEach(proxies, async (proxy) => {
    await proxy.setEnabled(false);
    return { revert: () => proxy.setEnabled(true) };
  });
  ctx.log(`${fault.edge} down`);
  return handle;
};

export const partition: Injector<FaultOf<'partition'>> = async (deployment, fault, ctx) => {
  const proxies = proxiesOf(deployment, fault);
  const handle = await partitionProxies(
    proxies,
    fault.existing === undefined ? {} : { existing: fault.existing },
  );
  ctx.log(`partitioned ${where(fault)}`);
  return handle;
};
