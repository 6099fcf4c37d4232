import { randomBytes } from 'node:crypto';

/** `20261123-183100-quickstart-3f9a`: sortable, readable, unique. */
export function newRunId(scenarioName: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  const slug = scenarioName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40);
  return `${stamp}-${slug}-${randomBytes(2).toString('hex')}`;
}
