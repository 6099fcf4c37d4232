/**
 * Value checks for architecture parameters, by parameter name. Types come from
 * each architecture's defaults; these add ranges and enumerations.
 * A check returns a problem message, or undefined when the value is fine.
 */
import { cacheModes } from '../service/config.ts';

export type ParamCheck = (value: unknown) => string | undefined;

export const intIn =
  (min: number, max: number): ParamCheck =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? undefined
      : `must be an integer in [${min}, ${max}]`;

export const oneOf =
  (values: readonly string[]): ParamCheck =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.join(', ')}`;

export type { CacheMode } from '../service/config.ts';

export const paramChecks: Record<string, ParamCheck> = {
  poolSize: intIn(1, 1_000),
  cacheTtlS: intIn(1, 31_536_000),
  cacheMode: oneOf(cacheModes),
};
