import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DependencyError, HttpError } from './errors.ts';
import { createRequestListener, json, parseId, Router } from './http.ts';

const noop = () => json(200, {});

describe('Router', () => {
  const router = new Router()
    .add('GET', '/items/:id', noop)
    .add('PUT', '/items/:id', noop)
    .add('POST', '/orders', noop)
    .add('GET', '/health', noop);

  it('matches a pattern and extracts params', () => {
    const m = router.match('GET', '/items/42');
    expect(m).toMatchObject({ kind: 'found', route: '/items/:id', params: { id: '42' } });
  });

  it('decodes params', () => {
    expect(router.match('GET', '/items/a%20b')).toMatchObject({ params: { id: 'a b' } });
  });

  it('says 404 for unknown paths, wrong depth and empty params', () => {
    for (const path of ['/nope', '/items', '/items/1/2', '/items/', '/']) {
      expect(router.match('GET', path).kind, path).toBe('not-found');
    }
  });

  it('says 405 with the allowed methods for a known path', () => {
    expect(router.match('DELETE', '/items/1')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'PUT'] });
  });

  it('serves HEAD with the GET route', () => {
    expect(router.match('HEAD', '/health')).toMatchObject({ kind: 'found', route: '/health' });
  });
});

describe('parseId', () => {
  it('accepts positive integers as numbers or digit strings', () => {
    expect(parseId('42', 'id')).toBe(42);
    expect(parseId(7, 'id')).toBe(7);
  });
  it.each(['0', '-1', '1.5', 'abc', '', '9999999999999999', 0, 1.5, null, undefined, {}])(
    'rejects %j',
    (v) => {
      expect(() => parseId(v, 'id')).toThrow(HttpError);
    },
  );
});

describe('createRequestListener', () => {
  it('maps errors to JSON statuses and reports each request once', async () => {
    const seen: string[] = [];
    const router = new Router()
      .add('GET', '/ok/:id', (req) => json(200, { id: req.params.id }))
      .add('GET', '/bad', () => {
        throw new HttpError(400, 'nope');
      })
      .add('GET', '/dep', async () => {
        throw new DependencyError('postgres', new Error('down'));
      });
    const server = createServer(
      createRequestListener(router, (route, method, status) => seen.push(`${method} ${route} ${status}`)),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const get = async (path: string) => {
        const res = await fetch(base + path);
        return [res.status, await res.json()];
      };
      expect(await get('/ok/5?x=1')).toEqual([200, { id: '5' }]);
      expect(await get('/bad')).toEqual([400, { error: 'nope' }]);
      expect(await get('/dep')).toEqual([503, { error: 'postgres: down' }]);
      expect(await get('/missing')).toEqual([404, { error: 'no route for GET /missing' }]);
      expect(await get('/ok/%zz')).toEqual([400, { error: 'malformed path' }]);
      expect(seen).toEqual([
        'GET /ok/:id 200',
        'GET /bad 400',
        'GET /dep 503',
        'GET unmatched 404',
        'GET unmatched 400',
      ]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
