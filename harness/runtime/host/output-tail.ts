/**
 * The last lines a process wrote (stdout and stderr interleaved), kept in
 * memory so a failed start can show why without a log file to go and read.
 */
import type { Readable } from 'node:stream';

export class OutputTail {
  readonly #lines: string[] = [];
  readonly #max: number;
  #partial = '';

  constructor(max = 50) {
    this.#max = max;
  }

  /** Consumes the stream to its end; a pipe nobody reads would block the child once it fills. */
  follow(stream: Readable | null): void {
    if (stream === null) return;
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => this.push(chunk));
    stream.on('error', () => {});
  }

  push(chunk: string): void {
    const parts = (this.#partial + chunk).split('\n');
    this.#partial = parts.pop() ?? '';
    for (const line of parts) this.#add(line);
    // A chunk without newline that keeps growing is still output worth showing.
    if (this.#partial.length > 4096) {
      this.#add(this.#partial);
      this.#partial = '';
    }
  }

  #add(line: string): void {
    this.#lines.push(line.replace(/\r$/, ''));
    if (this.#lines.length > this.#max) this.#lines.shift();
  }

  lines(): string[] {
    return this.#partial === '' ? [...this.#lines] : [...this.#lines, this.#partial];
  }

  text(): string {
    return this.lines().join('\n');
  }
}
