import type { RequestSpec } from '../../../model/index.ts';
import { InvalidInputError } from '../../../model/index.ts';
import type { Rng } from './rng.ts';
import { createZipfian, DEFAULT_THETA } from './zipfian.ts';

export type KeySpec = NonNullable<RequestSpec['key']>;

/** Draws the next `{key}`. */
export type KeyGenerator = () => number;

/**
 * A key generator over [min ?? 1, max ?? items], following YCSB's request
 * distributions:
 * - `uniform`: every key equally likely;
 * - `sequential`: min, min+1, …, max, then again from min (one counter shared by all VUs);
 * - `zipfian`: key min most popular, P(min+i) ∝ 1/(i+1)^θ (not scrambled: the hot keys are the low ones);
 * - `latest`: YCSB's SkewedLatest with the newest key fixed at max, so the highest keys are hottest.
 */
export function createKeyGenerator(
  spec: KeySpec | undefined,
  items: number,
  rng: Rng,
  path = 'key',
): KeyGenerator {
  const min = spec?.min ?? 1;
  const max = spec?.max ?? items;
  if (max < min) {
    throw new InvalidInputError(undefined, [
      { path, message: `empty key range [${min}, ${max}] (dataset.items is ${items})` },
    ]);
  }
  const size = max - min + 1;
  switch (spec?.dist ?? 'uniform') {
    case 'uniform':
      return () => min + Math.floor(rng() * size);
    case 'sequential': {
      let next = 0;
      return () => {
        const key = min + next;
        next = next + 1 === size ? 0 : next + 1;
        return key;
      };
    }
    case 'zipfian': {
      const z = createZipfian(size, spec?.theta ?? DEFAULT_THETA, rng);
      return () => min + z();
    }
    case 'latest': {
      const z = createZipfian(size, spec?.theta ?? DEFAULT_THETA, rng);
      return () => max - z();
    }
  }
}
