/** Reads `/etc/os-release` (systemd's format: `KEY=value` lines, values optionally quoted). */
import { readFile } from 'node:fs/promises';

export interface OsRelease {
  id: string;
  idLike: string[];
  prettyName: string;
}

export function parseOsRelease(text: string): OsRelease {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    fields[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2').replace(/\\(["$`\\])/g, '$1');
  }
  return {
    id: (fields.ID ?? '').toLowerCase(),
    idLike: (fields.ID_LIKE ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    prettyName: fields.PRETTY_NAME ?? fields.NAME ?? 'unknown',
  };
}

/** The OS release, or undefined where there is no such file (macOS, Windows, minimal images). */
export async function readOsRelease(path = '/etc/os-release'): Promise<OsRelease | undefined> {
  try {
    return parseOsRelease(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Debian, Ubuntu and their derivatives: apt-get works. */
export function isDebianLike(os: OsRelease): boolean {
  return [os.id, ...os.idLike].some((id) => id === 'debian' || id === 'ubuntu');
}
