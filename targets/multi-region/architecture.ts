import type { ComponentSpec, RegionLink } from '../../model/index.ts';
import { defineArchitecture } from '../plug/architecture.ts';
import { int, oneOf } from '../plug/params.ts';
import { resilienceParams } from '../plug/resilience-params.ts';
import { serviceComponent } from '../plug/service-component.ts';
import { appOf, copyOf, partitionHomes, primaryOf, regionNames, strategies } from './layout.ts';

/**
 * Two or three regions — each a service and a copy of the data (a Postgres
 * primary or a streaming replica) — with a latency between them on every
 * edge that crosses regions, clients with a home region (entries `eu`, `us`,
 * `ap`), and one of two strategies (layout.ts): `read-local-write-primary` (reads from the
 * region's copy, writes to the primary region) or `home-region-writes` (writes to the
 * key's home region). Replication lag per copy, reads and writes per region in
 * /metrics; a partition of a region (`{ kind: 'partition', region: 'us' }`)
 * shows what each strategy keeps serving.
 */
export const multiRegion = defineArchitecture({
  name: 'multi-region',
  description:
    '2–3 regions, each a service and a copy of the data, latency between them; reads local, writes to the primary region or to the key’s home',
  params: {
    regions: int(2, 2, 3, 'regions: eu, us (and ap), each a service and a copy of every partition'),
    strategy: oneOf(
      strategies,
      'read-local-write-primary',
      'read-local-write-primary: reads from the region’s copy, writes to the primary region (eu); home-region-writes: writes to the key’s home region',
    ),
    euUsMs: int(40, 0, 10_000, 'round trip added between eu and us, ms'),
    euApMs: int(90, 0, 10_000, 'round trip added between eu and ap, ms'),
    usApMs: int(70, 0, 10_000, 'round trip added between us and ap, ms'),
    jitterMs: int(0, 0, 1_000, '± jitter on every link’s round trip, ms'),
    homeBlock: int(
      1_000,
      1,
      1_000_000_000,
      'home-region-writes: keys are homed in blocks of this many ids, round-robin over the regions',
    ),
    poolSize: int(5, 1, 1_000, 'connections per pool (each primary and each local copy), per service'),
    lagSampleMs: int(250, 20, 60_000, 'how often each service samples its region’s replication lag, ms'),
    ...resilienceParams,
  },
  topology: (p) => {
    const regions = regionNames.slice(0, p.regions);
    const homes = partitionHomes(p.strategy, regions);
    const latency: Record<string, number> = { 'eu-us': p.euUsMs, 'eu-ap': p.euApMs, 'us-ap': p.usApMs };
    const links: RegionLink[] = [];
    for (const [i, a] of regions.entries())
      for (const b of regions.slice(i + 1))
        links.push({
          between: [a, b],
          latencyMs: latency[`${a}-${b}`]!,
          ...(p.jitterMs > 0 ? { jitterMs: p.jitterMs } : {}),
        });
    const databases: ComponentSpec[] = homes.flatMap((home) => [
      { name: primaryOf(home), kind: 'postgres' as const, region: home },
      ...regions
        .filter((r) => r !== home)
        .map((region) => ({
          name: copyOf(home, region),
          kind: 'postgres' as const,
          region,
          replicaOf: primaryOf(home),
          uses: [primaryOf(home)],
        })),
    ]);
    const services = regions.map((region): ComponentSpec => {
      const copies = homes.map((home) => copyOf(home, region));
      const primaries = homes.map(primaryOf);
      return {
        ...serviceComponent({
          name: appOf(region),
          dataPath: 'multi-region',
          resilience: p,
          databaseUrl: false,
          uses: [...new Set([...copies, ...primaries])],
          env: {
            REGION: region,
            REGIONS: regions.join(','),
            PARTITION_HOMES: homes.join(','),
            PARTITION_PRIMARY_URLS: primaries.map((c) => `{{${c}.url}}`).join(','),
            PARTITION_LOCAL_URLS: copies.map((c) => `{{${c}.url}}`).join(','),
            HOME_BLOCK: String(p.homeBlock),
            DB_POOL_SIZE: String(p.poolSize),
            LAG_SAMPLE_MS: String(p.lagSampleMs),
          },
        }),
        region,
      };
    });
    return {
      name: 'multi-region',
      description: `${regions.join(' + ')} (${links.map((l) => `${l.between.join('↔')} ${l.latencyMs} ms`).join(', ')}), ${p.strategy}${p.strategy === 'home-region-writes' ? ` (blocks of ${p.homeBlock})` : ` (primary in ${homes[0]})`}`,
      entry: appOf(regions[0]!),
      entries: Object.fromEntries(regions.map((r) => [r, appOf(r)])),
      links,
      components: [...databases, ...services],
    };
  },
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
});
