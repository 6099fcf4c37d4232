import type { VuApi } from 'harness';

/**
 * A two-step flow: update an item, then read it back and check that the read
 * sees the write. On the replicated architecture reads go to replicas, so the
 * "sees its write" check fails now and then — there is no read-your-writes.
 */
export default async function writeThenRead(vu: VuApi): Promise<void> {
  // Each VU writes only its own keys, so another VU's write never explains a miss.
  const id = (((vu.id - 1) * 250 + (vu.iteration % 250)) % 2000) + 1;
  const value = `v${vu.id}-${vu.iteration}`;
  const put = await vu.http.put(`/items/${id}`, { body: { value }, tags: { name: 'put-item' } });
  if (!vu.check(put, { 'put is 200': (r) => r.status === 200 })) return;
  vu.ledger(put.json<{ entity: string; id: number; version: number }>());
  const get = await vu.http.get(`/items/${id}`, { tags: { name: 'get-item' } });
  vu.check(get, {
    'get is 200': (r) => r.status === 200,
    'sees its write': (r) => r.status === 200 && r.json<{ value: string }>().value === value,
  });
}
