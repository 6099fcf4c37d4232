/**
 * A stable 32-bit hash for shard routing: FNV-1a over the UTF-8 bytes of the
 * key, then murmur3's fmix32 finalizer. FNV-1a alone mixes the last bytes
 * poorly into the high bits (ring points like `shard-0#1`, `shard-0#2` would
 * bunch up); fmix32 gives every input bit an even chance to flip every output bit.
 * Stable across processes, Node versions and machines — nothing seeded.
 */

const fnvOffset = 0x811c9dc5;
const fnvPrime = 0x01000193;

export function fnv1a32(text: string): number {
  let h = fnvOffset;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, fnvPrime);
  }
  return h >>> 0;
}

export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The routing hash of a key (an item id, or a ring point's name). */
export function hash32(key: string | number): number {
  return fmix32(fnv1a32(String(key)));
}
