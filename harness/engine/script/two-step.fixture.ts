/** A two-step flow for script.test.ts: write an item, read it back, check both. */
import type { VuApi } from '../index.ts';

export default async function (vu: VuApi): Promise<void> {
  const id = vu.key('sequential');
  const put = await vu.http.put(`/items/${id}`, {
    body: { value: `v-${vu.id}-${vu.iteration}` },
    tags: { name: 'put-item' },
  });
  vu.check(put, { 'put is 200': (r) => r.status === 200 });
  const ack = put.json<{ id: string; version: number }>();
  vu.ledger({ id: ack.id, version: ack.version, entity: 'items' });
  await vu.group('read back', async () => {
    const get = await vu.http.get(`/items/${id}`, { tags: { name: 'get-item' } });
    vu.check(get, {
      'get is 200': (r) => r.status === 200,
      'get sees the write': (r) => r.json<{ value: string }>().value === `v-${vu.id}-${vu.iteration}`,
    });
  });
  await vu.sleep(0.001);
}

/** A flow that fails: for the failed-iteration count. */
export async function broken(vu: VuApi): Promise<void> {
  await vu.http.get('/items/1', { tags: { name: 'get-item' } });
  throw new Error('boom');
}
