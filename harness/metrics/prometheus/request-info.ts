/**
 * What the exposition needs to label a request name as k6 labels a request:
 * its HTTP `method`, and whether a status was an `expected_response` (k6's
 * rule: 200–399, or the request's `expectStatus`). Read from the scenario as
 * run (`results.scenario.config`); a scripted flow's names are unknown here,
 * so they get no method and k6's default status rule.
 */

export interface RequestInfo {
  method?: string;
  expectStatus?: readonly number[];
}

export type RequestInfos = Readonly<Record<string, RequestInfo>>;

/** From a validated scenario config (JSON as stored in results); anything else gives no infos. */
export function requestInfosOf(config: unknown): RequestInfos {
  const mix = (config as { workload?: { mix?: unknown } } | undefined)?.workload?.mix;
  if (!Array.isArray(mix)) return {};
  const infos: Record<string, RequestInfo> = {};
  for (const entry of mix as { name?: unknown; method?: unknown; expectStatus?: unknown }[]) {
    if (typeof entry?.name !== 'string') continue;
    infos[entry.name] = {
      ...(typeof entry.method === 'string' ? { method: entry.method } : {}),
      ...(Array.isArray(entry.expectStatus) ? { expectStatus: entry.expectStatus as number[] } : {}),
    };
  }
  return infos;
}

/** k6's `expected_response` tag of a response with `status` (0: no response) to a request `info`. */
export function expectedResponse(status: number, info: RequestInfo | undefined): boolean {
  if (status === 0) return false;
  return info?.expectStatus ? info.expectStatus.includes(status) : status >= 200 && status < 400;
}
