import { describe, expect, it } from 'vitest';
import { crossRegionEdges } from '../../model/index.ts';
import { resolveArchitecture } from '../index.ts';
import { copyOf, encodeOrderId, partitionHomes, partitionOf, partitionOfOrder, primaryOf } from './layout.ts';
import { homedIds } from './region-admin.ts';

const byName = (arch: ReturnType<typeof resolveArchitecture>) =>
  Object.fromEntries(arch.topology.components.map((c) => [c.name, c]));

describe('multi-region layout', () => {
  it('homes one partition in the first region, or one per region', () => {
    expect(partitionHomes('read-local-write-primary', ['eu', 'us', 'ap'])).toEqual(['eu']);
    expect(partitionHomes('home-region-writes', ['eu', 'us', 'ap'])).toEqual(['eu', 'us', 'ap']);
    expect(primaryOf('us')).toBe('pg-us');
    expect(copyOf('us', 'us')).toBe('pg-us');
    expect(copyOf('us', 'eu')).toBe('pg-us-eu');
  });

  it('homes keys in blocks, round-robin over the partitions; order ids carry theirs', () => {
    expect([1, 1000, 1001, 2000, 2001, 3001].map((id) => partitionOf(id, 2, 1000))).toEqual([
      0, 0, 1, 1, 0, 1,
    ]);
    expect([1, 1001, 2001, 3001].map((id) => partitionOf(id, 3, 1000))).toEqual([0, 1, 2, 0]);
    expect(partitionOf(12345, 1, 1000)).toBe(0);
    expect(partitionOfOrder(encodeOrderId(42, 2), 3)).toBe(2);
    expect(partitionOfOrder(encodeOrderId(42, 2), 2)).toBeUndefined();
    expect(partitionOfOrder(7, 3)).toBeUndefined();
    expect([...homedIds(10, 1, 2, 3, 4)]).toEqual([[4], [5, 6], [10]]);
  });
});

describe('multi-region topology', () => {
  it('read-local-write-primary: a primary in eu, a replica in us, a service per region with its entry', () => {
    const arch = resolveArchitecture('multi-region', { strategy: 'read-local-write-primary', euUsMs: 40 });
    const c = byName(arch);
    expect(Object.keys(c).sort()).toEqual(['app-eu', 'app-us', 'pg-eu', 'pg-eu-us']);
    expect(c['pg-eu-us']).toMatchObject({ kind: 'postgres', region: 'us', replicaOf: 'pg-eu' });
    expect(c['app-us']).toMatchObject({ region: 'us', uses: ['pg-eu-us', 'pg-eu'] });
    expect(c['app-us']?.env).toMatchObject({
      REGION: 'us',
      PARTITION_HOMES: 'eu',
      PARTITION_PRIMARY_URLS: '{{pg-eu.url}}',
      PARTITION_LOCAL_URLS: '{{pg-eu-us.url}}',
    });
    expect(arch.topology.entries).toEqual({ eu: 'app-eu', us: 'app-us' });
    expect(arch.topology.links).toEqual([{ between: ['eu', 'us'], latencyMs: 40 }]);
    // Only the edges that cross the border carry the link: app-us's writes and the replication stream.
    expect(crossRegionEdges(arch.topology).map((e) => `${e.from}->${e.to}`)).toEqual([
      'pg-eu-us->pg-eu',
      'app-us->pg-eu',
    ]);
  });

  it('home-region-writes with three regions: a primary per region, a replica of each in every other', () => {
    const arch = resolveArchitecture('multi-region', { strategy: 'home-region-writes', regions: 3 });
    const c = byName(arch);
    expect(Object.keys(c).filter((n) => n.startsWith('pg-')).length).toBe(9);
    expect(c['app-ap']?.env).toMatchObject({
      PARTITION_HOMES: 'eu,us,ap',
      PARTITION_PRIMARY_URLS: '{{pg-eu.url}},{{pg-us.url}},{{pg-ap.url}}',
      PARTITION_LOCAL_URLS: '{{pg-eu-ap.url}},{{pg-us-ap.url}},{{pg-ap.url}}',
    });
    expect(arch.topology.links?.map((l) => [l.between.join('-'), l.latencyMs])).toEqual([
      ['eu-us', 40],
      ['eu-ap', 90],
      ['us-ap', 70],
    ]);
  });
});
