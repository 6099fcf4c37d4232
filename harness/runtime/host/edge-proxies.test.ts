import { describe, expect, it } from 'vitest';
import type { Topology } from '../../../model/index.ts';
import { InvalidInputError } from '../../../model/index.ts';
import { proxiedUrl, selectEdges } from './edge-proxies.ts';

const topology: Topology = {
  name: 'cached',
  description: '',
  entry: 'app',
  components: [
    { name: 'app', kind: 'service', uses: ['postgres', 'redis'] },
    { name: 'postgres', kind: 'postgres' },
    { name: 'redis', kind: 'redis' },
  ],
};

describe('edge proxies', () => {
  it('selects named edges, all of them for *, none by default', () => {
    expect(selectEdges(topology, undefined)).toEqual([]);
    expect(selectEdges(topology, ['app->redis', 'app->redis'])).toEqual([{ from: 'app', to: 'redis' }]);
    expect(selectEdges(topology, ['*'])).toEqual([
      { from: 'app', to: 'postgres' },
      { from: 'app', to: 'redis' },
    ]);
  });

  it('rejects edges that are not in the topology, all at once', () => {
    let error: unknown;
    try {
      selectEdges(topology, ['redis->app', 'app-postgres']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((p) => p.path)).toEqual([
      'edgeProxies[0]',
      'edgeProxies[1]',
    ]);
  });

  it('points a URL at the proxy, keeping scheme, credentials, path and query', () => {
    expect(proxiedUrl('postgres://harness@127.0.0.1:5432/harness', '127.0.0.1', 40001)).toBe(
      'postgres://harness@127.0.0.1:40001/harness',
    );
    expect(proxiedUrl('redis://127.0.0.1:6379', '127.0.0.1', 40002)).toBe('redis://127.0.0.1:40002');
    expect(proxiedUrl('http://localhost:8080/x?y=1', '127.0.0.1', 40003)).toBe(
      'http://127.0.0.1:40003/x?y=1',
    );
    expect(proxiedUrl('nats://u:p@127.0.0.1:4222', '127.0.0.1', 1)).toBe('nats://u:p@127.0.0.1:1');
  });
});

describe('edges between regions', () => {
  const regions: Topology = {
    name: 'regions',
    description: '',
    entry: 'app-eu',
    links: [{ between: ['us', 'eu'], latencyMs: 40, jitterMs: 4 }],
    components: [
      { name: 'pg-eu', kind: 'postgres', region: 'eu' },
      { name: 'pg-eu-us', kind: 'postgres', region: 'us', replicaOf: 'pg-eu', uses: ['pg-eu'] },
      { name: 'app-eu', kind: 'service', region: 'eu', uses: ['pg-eu'] },
      { name: 'app-us', kind: 'service', region: 'us', uses: ['pg-eu-us', 'pg-eu'] },
      { name: 'cache', kind: 'redis', region: 'ap' },
      { name: 'app-ap', kind: 'service', region: 'ap', uses: ['cache', 'pg-eu'] },
    ],
  };

  it('are always proxied, with their link’s latency; edges inside a region only when named', () => {
    const link = { roundTripMs: 40, jitterMs: 4 };
    expect(selectEdges(regions, undefined)).toEqual([
      { from: 'pg-eu-us', to: 'pg-eu', latency: link },
      { from: 'app-us', to: 'pg-eu', latency: link },
      // eu–ap has no declared link: proxied (a partition can cut it), no latency.
      { from: 'app-ap', to: 'pg-eu' },
    ]);
    expect(
      selectEdges(regions, ['app-us->pg-eu-us', 'app-us->pg-eu']).map((e) => `${e.from}->${e.to}`),
    ).toEqual(['app-us->pg-eu-us', 'app-us->pg-eu', 'pg-eu-us->pg-eu', 'app-ap->pg-eu']);
  });
});
