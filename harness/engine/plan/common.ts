import { parseDuration } from '../../../model/index.ts';
import { DEFAULT_GRACEFUL_MS } from './types.ts';

/** Duration string → ms, with a default for an absent option. */
export function ms(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : parseDuration(text);
}

export function startAndGrace(config: {
  startTime?: string | undefined;
  gracefulStop?: string | undefined;
}): {
  startTimeMs: number;
  gracefulStopMs: number;
} {
  return {
    startTimeMs: ms(config.startTime, 0),
    gracefulStopMs: ms(config.gracefulStop, DEFAULT_GRACEFUL_MS),
  };
}
