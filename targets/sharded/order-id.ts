/**
 * Sharded order ids: an order lives on its item's shard, and its id says which —
 * `id = seq * 1000 + shard`, where `seq` comes from that shard's own `orders`
 * sequence. The id stays a plain positive integer (same API and integrity
 * ledger as every other architecture); in decimal the last three digits are
 * the shard: order 42_002 is the 42nd order on shard 2. Up to 1000 shards.
 * The shard is where the row *is*, so the id keeps resolving if the ring later changes.
 */

export const orderIdStride = 1_000;

export function encodeOrderId(seq: number, shard: number): number {
  return seq * orderIdStride + shard;
}

/** The shard an order id lives on, or undefined when no shard of `shards` can hold it. */
export function shardOfOrder(id: number, shards: number): number | undefined {
  const shard = id % orderIdStride;
  return id >= orderIdStride && shard < shards ? shard : undefined;
}
