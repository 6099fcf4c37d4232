/**
 * The resilience parameters every architecture takes, and the service env they
 * become (service/config.ts reads it; service/resilience/ implements it).
 * `resilience` picks the preset; the numeric overrides default to -1, "the
 * preset's value", and otherwise replace it (0 turns that knob off).
 */
import { resilienceModes } from '../service/resilience/settings.ts';
import { defaults, int, oneOf, type ParamValues } from './params.ts';

export const resilienceParams = {
  resilience: oneOf(
    resilienceModes,
    'off',
    'preset for timeouts, retries, circuit breaker and bulkhead per dependency (RESILIENCE)',
  ),
  timeoutMs: int(
    -1,
    -1,
    600_000,
    'deadline per dependency call, ms; 0 = none, -1 = preset (RESILIENCE_TIMEOUT_MS)',
  ),
  retries: int(
    -1,
    -1,
    10,
    'retries of idempotent calls, exponential backoff + full jitter; -1 = preset (RESILIENCE_RETRIES)',
  ),
  breakerFailures: int(
    -1,
    -1,
    100_000,
    'consecutive failures that open a dependency’s breaker; 0 = count trigger off, -1 = preset (RESILIENCE_BREAKER_FAILURES)',
  ),
  breakerCooldownMs: int(
    -1,
    -1,
    600_000,
    'open → half-open after this long, ms; -1 = preset (RESILIENCE_BREAKER_COOLDOWN_MS)',
  ),
  bulkhead: int(
    -1,
    -1,
    100_000,
    'calls in flight per dependency (queue as deep); 0 = unlimited, -1 = preset (RESILIENCE_BULKHEAD)',
  ),
};

export type ResilienceParams = ParamValues<typeof resilienceParams>;

export const resilienceDefaults: ResilienceParams = defaults(resilienceParams);

const envNames: Record<Exclude<keyof ResilienceParams, 'resilience'>, string> = {
  timeoutMs: 'RESILIENCE_TIMEOUT_MS',
  retries: 'RESILIENCE_RETRIES',
  breakerFailures: 'RESILIENCE_BREAKER_FAILURES',
  breakerCooldownMs: 'RESILIENCE_BREAKER_COOLDOWN_MS',
  bulkhead: 'RESILIENCE_BULKHEAD',
};

/** The service env for these params: RESILIENCE always, an override only when set (≥ 0). */
export function resilienceEnv(p: ResilienceParams): Record<string, string> {
  const env: Record<string, string> = { RESILIENCE: p.resilience };
  for (const [key, name] of Object.entries(envNames) as [keyof typeof envNames, string][]) {
    if (p[key] >= 0) env[name] = String(p[key]);
  }
  return env;
}

/** `resilience` plus the overrides that differ from the preset, for a topology's description. */
export function describeResilience(p: ResilienceParams): string {
  const set = Object.keys(envNames).filter((k) => p[k as keyof typeof envNames] >= 0);
  return set.length === 0
    ? `resilience ${p.resilience}`
    : `resilience ${p.resilience} (${set.map((k) => `${k} ${p[k as keyof typeof envNames]}`).join(', ')})`;
}
