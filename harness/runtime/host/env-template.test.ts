import { describe, expect, it } from 'vitest';
import { parseRefs, resolveEnv } from './env-template.ts';

const pg = [
  { host: '127.0.0.1', port: 5001, url: 'postgres://harness@127.0.0.1:5001/harness' },
  { host: '127.0.0.1', port: 5002, url: 'postgres://harness@127.0.0.1:5002/harness' },
];
const scope = {
  components: (name: string) => (name === 'pg' ? pg : undefined),
  self: { host: '127.0.0.1', port: 8080, index: 2 },
};

describe('env templates', () => {
  it('resolves component and self fields', () => {
    expect(
      resolveEnv(
        {
          A: '{{pg.url}}',
          B: '{{pg.urls}}',
          C: '{{ pg.host }}:{{pg.port}}',
          D: 'worker-{{self.index}} on {{self.port}}',
          E: 'plain',
        },
        scope,
      ),
    ).toEqual({
      A: pg[0]!.url,
      B: `${pg[0]!.url},${pg[1]!.url}`,
      C: '127.0.0.1:5001',
      D: 'worker-2 on 8080',
      E: 'plain',
    });
  });

  it('fails on a component that is not started', () => {
    expect(() => resolveEnv({ A: '{{cache.url}}' }, scope)).toThrow(/cache is not started/);
  });

  it('finds references and malformed braces', () => {
    expect(parseRefs('{{pg.url}} and {{self.port}} and {{oops}}')).toEqual({
      refs: [
        { component: 'pg', field: 'url' },
        { component: 'self', field: 'port' },
      ],
      malformed: ['{{oops}}'],
    });
  });
});
