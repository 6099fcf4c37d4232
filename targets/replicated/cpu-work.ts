/**
 * CPU work per request: the app tier's own cost (templating, auth,
 * serialisation…) as a spin of `workUs` microseconds on the event loop before
 * the store is called — real CPU the process uses, that a replica more shares.
 */
import type { ItemStore } from '../service/store.ts';

/** Spins the CPU for `us` microseconds (checking the clock every few hundred rounds). */
export function burnCpu(us: number): number {
  const end = performance.now() + us / 1000;
  let x = 0;
  while (performance.now() < end)
    for (let i = 0; i < 256; i++) x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
  return x;
}

export function withCpuWork(store: ItemStore, us: number): ItemStore {
  const work = <T>(call: () => Promise<T>): Promise<T> => {
    burnCpu(us);
    return call();
  };
  return {
    getItem: (id) => work(() => store.getItem(id)),
    putItem: (id, value) => work(() => store.putItem(id, value)),
    createOrder: (itemId, qty) => work(() => store.createOrder(itemId, qty)),
    getOrder: (id) => work(() => store.getOrder(id)),
    ping: (ms) => store.ping(ms),
    reset: () => store.reset(),
    settle: () => store.settle(),
    close: () => store.close(),
  };
}
