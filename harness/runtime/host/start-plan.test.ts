import { describe, expect, it } from 'vitest';
import type { ComponentKind, Topology } from '../../../model/index.ts';
import { InvalidInputError } from '../../../model/index.ts';
import { launchers } from './launchers/index.ts';
import { planStart } from './start-plan.ts';

const topology = (components: Topology['components'], entry = 'app'): Topology => ({
  name: 't',
  description: '',
  entry,
  components,
});

describe('planStart', () => {
  it('orders by uses and by env templates', () => {
    const plan = planStart(
      topology([
        {
          name: 'app',
          kind: 'service',
          uses: ['db'],
          env: { REDIS_URL: '{{cache.url}}', P: '{{self.port}}' },
        },
        { name: 'db', kind: 'postgres' },
        { name: 'cache', kind: 'redis' },
      ]),
      launchers,
    );
    expect(plan.get('app')).toMatchObject({ deps: ['db', 'cache'], level: 1 });
    expect(plan.get('db')?.level).toBe(0);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      planStart(
        topology(
          [
            { name: 'app', kind: 'service', uses: ['nope'], env: { X: '{{ghost.url}}' } },
            { name: 'lb', kind: 'haproxy', settings: { balance: 'random' } },
            { name: 'cmd', kind: 'command' },
            { name: 'mongo', kind: 'mongo' as ComponentKind },
            { name: 'replica', kind: 'redis', replicaOf: 'app' },
          ],
          'missing',
        ),
        launchers,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((p) => p.path)).toEqual([
      'entry',
      'components[0].uses',
      'components[0].env.X',
      'components[1].settings.balance',
      'components[1].uses',
      'components[2].command',
      'components[3].kind',
      'components[4].replicaOf',
    ]);
  });

  it('starts a replica after its primary, even without `uses`', () => {
    const plan = planStart(
      topology(
        [
          { name: 'replica', kind: 'postgres', replicas: 2, replicaOf: 'db' },
          { name: 'db', kind: 'postgres' },
        ],
        'db',
      ),
      launchers,
    );
    expect(plan.get('replica')).toMatchObject({ deps: ['db'], level: 1 });
  });

  it('rejects a replica of a replica', () => {
    expect(() =>
      planStart(
        topology(
          [
            { name: 'db', kind: 'postgres' },
            { name: 'r1', kind: 'postgres', replicaOf: 'db' },
            { name: 'r2', kind: 'postgres', replicaOf: 'r1' },
          ],
          'db',
        ),
        launchers,
      ),
    ).toThrow(InvalidInputError);
  });

  it('rejects a dependency cycle', () => {
    expect(() =>
      planStart(
        topology([
          { name: 'app', kind: 'service', uses: ['db'] },
          { name: 'db', kind: 'postgres', uses: ['app'] },
        ]),
        launchers,
      ),
    ).toThrow(/cycle/);
  });
});
