/**
 * Reading k6 JSON output files for an import: plain or gzip (`--out
 * json=x.json.gz`, found by its magic bytes, not its name), or a runner's log
 * (`kubectl logs`) where k6's own log lines sit between the records. Streams
 * line by line: a long run's file is never held in memory.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { type K6Line, parseK6Line } from '../output/json-lines.ts';

function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** Calls `onRecord` for every k6 record of `file`; returns how many lines were not k6 records. */
export async function readK6Output(
  file: string,
  onRecord: (rec: K6Line) => void,
): Promise<{ records: number; other: number }> {
  const raw = createReadStream(file);
  const input = isGzip(file) ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let records = 0;
  let other = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const rec = parseK6Line(line);
    if (rec === undefined) {
      other++;
      continue;
    }
    records++;
    onRecord(rec);
  }
  return { records, other };
}
