import { describe, expect, it } from 'vitest';
import type { ComponentSpec, Topology } from '../../../model/index.ts';
import { scaleProblem } from './scale-component.ts';

const topo = (...components: ComponentSpec[]): Topology => ({
  name: 't',
  description: '',
  entry: components[0]!.name,
  components,
});
const pg: ComponentSpec = { name: 'postgres', kind: 'postgres' };
const app: ComponentSpec = { name: 'app', kind: 'service', uses: ['postgres'] };
const lb: ComponentSpec = { name: 'lb', kind: 'haproxy', uses: ['app'] };

describe('which components can scale', () => {
  it('a service behind a load balancer, or one nothing reaches (a worker), can', () => {
    expect(scaleProblem(topo(lb, app, pg), 'app')).toBeUndefined();
    expect(
      scaleProblem(topo(app, pg, { name: 'worker', kind: 'worker', uses: ['postgres'] }), 'worker'),
    ).toBe(undefined);
  });

  it('servers that are not processes of ours, or hold data, cannot', () => {
    expect(scaleProblem(topo(lb, app, pg), 'postgres')).toMatch(
      /is a postgres: only service, worker and command/,
    );
    expect(scaleProblem(topo(lb, app, pg), 'lb')).toMatch(/is a haproxy/);
    expect(scaleProblem(topo(lb, app, pg), 'cache')).toMatch(
      /no component "cache"; components: lb, app, postgres/,
    );
  });

  it('a component another one uses directly, or names in its env, cannot: it would not learn of new instances', () => {
    const front: ComponentSpec = { name: 'front', kind: 'service', uses: ['app'] };
    expect(scaleProblem(topo(front, app, pg), 'app')).toMatch(/"front" uses "app".*only load balancers/);
    const named: ComponentSpec = { name: 'front', kind: 'service', env: { UPSTREAM: '{{app.urls}}' } };
    expect(scaleProblem(topo(named, app, pg), 'app')).toMatch(/"front" names "app" in env UPSTREAM/);
  });

  it('a fixed port, or fault proxies on an edge into it, rule it out', () => {
    expect(scaleProblem(topo(lb, { ...app, port: 8080 }, pg), 'app')).toMatch(/fixed port/);
    expect(scaleProblem(topo(lb, app, pg), 'app', [{ from: 'lb', to: 'app' }])).toMatch(
      /lb->app has fault proxies/,
    );
    // Proxies on its own way out are fine: a new instance is started with their addresses.
    expect(scaleProblem(topo(lb, app, pg), 'app', [{ from: 'app', to: 'postgres' }])).toBeUndefined();
  });
});
