/**
 * Where the data of a multi-region topology lives, as a pure function of its
 * params — tested as data. The data is split into *partitions*, each with a
 * *home* region whose Postgres primary takes its writes, and a copy in every
 * region (the primary itself at home, a streaming replica elsewhere):
 *
 * - `read-local-write-primary`: one partition, homed in the first region (the primary
 *   region): every write crosses to it, every read stays in its region.
 * - `home-region-writes`: one partition per region; a key's home is its block of
 *   `homeBlock` ids, round-robin over the regions (ids 1..1000 → eu,
 *   1001..2000 → us, 2001..3000 → eu … with two regions and blocks of 1000);
 *   a write goes to its key's home, every read stays in its region.
 *
 * Components: `pg-<home>` (the primary of a partition, in its home region),
 * `pg-<home>-<region>` (its replica in another region), `app-<region>` (the
 * region's service, entry `<region>`).
 */

export const regionNames = ['eu', 'us', 'ap'] as const;
export type RegionName = (typeof regionNames)[number];

export const strategies = ['read-local-write-primary', 'home-region-writes'] as const;
export type Strategy = (typeof strategies)[number];

/** The home regions of the partitions, in partition order. */
export function partitionHomes(strategy: Strategy, regions: readonly string[]): string[] {
  return strategy === 'read-local-write-primary' ? [regions[0]!] : [...regions];
}

/** The partition a key belongs to: its block of `homeBlock` ids, round-robin over the partitions. */
export function partitionOf(id: number, partitions: number, homeBlock: number): number {
  if (partitions <= 1) return 0;
  return Math.floor((id - 1) / homeBlock) % partitions;
}

export const primaryOf = (home: string): string => `pg-${home}`;

/** The copy of `home`'s partition in `region`: the primary at home, a replica elsewhere. */
export const copyOf = (home: string, region: string): string =>
  home === region ? primaryOf(home) : `pg-${home}-${region}`;

export const appOf = (region: string): string => `app-${region}`;

/** Order ids carry their partition: `seq * 10 + partition`, so a read goes straight to it. */
export const orderIdStride = 10;

export function encodeOrderId(seq: number, partition: number): number {
  return seq * orderIdStride + partition;
}

export function partitionOfOrder(id: number, partitions: number): number | undefined {
  const p = id % orderIdStride;
  return id >= orderIdStride && p < partitions ? p : undefined;
}
