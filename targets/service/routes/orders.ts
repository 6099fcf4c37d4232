import { HttpError } from '../errors.ts';
import type { Router } from '../http.ts';
import { isObject, json, parseId, readJson } from '../http.ts';
import type { ItemStore } from '../store.ts';
import type { WriteRouteOptions } from './write-reply.ts';
import { writeReply } from './write-reply.ts';

export function orderRoutes(router: Router, store: ItemStore, options: WriteRouteOptions = {}): void {
  router.add('POST', '/orders', async (req) => {
    const body = await readJson(req.raw);
    if (!isObject(body)) throw new HttpError(400, 'body must be { itemId, qty }');
    const itemId = parseId(body.itemId, 'itemId');
    const qty = body.qty;
    if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1 || qty > 2_147_483_647) {
      throw new HttpError(400, 'qty must be a positive integer');
    }
    const id = await store.createOrder(itemId, qty);
    return id === undefined
      ? json(404, { error: `item ${itemId} not found` })
      : writeReply(201, { entity: 'orders', id, version: 1 }, options);
  });

  router.add('GET', '/orders/:id', async (req) => {
    const order = await store.getOrder(parseId(req.params.id, 'order id'));
    return order === undefined ? json(404, { error: 'order not found' }) : json(200, order);
  });
}
