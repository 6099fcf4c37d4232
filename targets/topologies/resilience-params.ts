/**
 * The resilience parameters every architecture takes, and the service env they
 * become (service/config.ts reads it; service/resilience/ implements it).
 * `resilience` picks the preset; the numeric overrides default to -1, "the
 * preset's value", and otherwise replace it (0 turns that knob off).
 */
import type { ResilienceMode } from '../service/resilience/settings.ts';

export interface ResilienceParams {
  resilience: ResilienceMode;
  timeoutMs: number;
  retries: number;
  breakerFailures: number;
  breakerCooldownMs: number;
  bulkhead: number;
}

export const resilienceDefaults: ResilienceParams = {
  resilience: 'off',
  timeoutMs: -1,
  retries: -1,
  breakerFailures: -1,
  breakerCooldownMs: -1,
  bulkhead: -1,
};

export const resilienceHelp: Record<keyof ResilienceParams, string> = {
  resilience:
    'off | on: preset for timeouts, retries, circuit breaker and bulkhead per dependency (RESILIENCE)',
  timeoutMs: 'deadline per dependency call, ms; 0 = none, -1 = preset (RESILIENCE_TIMEOUT_MS)',
  retries: 'retries of idempotent calls, exponential backoff + full jitter; -1 = preset (RESILIENCE_RETRIES)',
  breakerFailures:
    'consecutive failures that open a dependency’s breaker; 0 = count trigger off, -1 = preset (RESILIENCE_BREAKER_FAILURES)',
  breakerCooldownMs: 'open → half-open after this long, ms; -1 = preset (RESILIENCE_BREAKER_COOLDOWN_MS)',
  bulkhead:
    'calls in flight per dependency (queue as deep); 0 = unlimited, -1 = preset (RESILIENCE_BULKHEAD)',
};

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
