import { HttpError } from '../errors.ts';
import type { Router } from '../http.ts';
import { isObject, json, parseId, readJson } from '../http.ts';
import type { ItemStore } from '../store.ts';
import type { WriteRouteOptions } from './write-reply.ts';
import { writeReply } from './write-reply.ts';

export function itemRoutes(router: Router, store: ItemStore, options: WriteRouteOptions = {}): void {
  router.add('GET', '/items/:id', async (req) => {
    const item = await store.getItem(parseId(req.params.id, 'item id'));
    return item === undefined ? json(404, { error: 'item not found' }) : json(200, item);
  });

  router.add('PUT', '/items/:id', async (req) => {
    const id = parseId(req.params.id, 'item id');
    const body = await readJson(req.raw);
    if (!isObject(body) || typeof body.value !== 'string')
      throw new HttpError(400, 'body must be { value: string }');
    const version = await store.putItem(id, body.value);
    return writeReply(200, { entity: 'items', id, version }, options);
  });
}
