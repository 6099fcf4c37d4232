/**
 * Follows a file another process is writing (k6's `--out json=<file>`): every
 * `pollMs`, the bytes added since the last read, cut into whole lines (a line
 * k6 has half written waits for its end). `drain()` reads what is left once
 * the writer has exited.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

export class FileTail {
  #handle: FileHandle | undefined;
  #offset = 0;
  #partial = '';
  readonly #decoder = new StringDecoder('utf8');
  #timer: NodeJS.Timeout | undefined;
  #reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly onLine: (line: string) => void,
    private readonly pollMs = 200,
  ) {}

  start(): void {
    this.#timer = setInterval(() => {
      this.#reading = this.#reading.then(() => this.#read());
    }, this.pollMs);
  }

  /** Stops polling and reads to the end; a last line without a newline counts too. */
  async drain(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#reading;
    await this.#read();
    if (this.#partial !== '') this.onLine(this.#partial);
    this.#partial = '';
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #read(): Promise<void> {
    if (this.#handle === undefined) {
      try {
        this.#handle = await open(this.file, 'r');
      } catch {
        return; // not there yet: k6 opens it once its init is done
      }
    }
    const chunk = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await this.#handle.read(chunk, 0, chunk.length, this.#offset);
      if (bytesRead === 0) return;
      this.#offset += bytesRead;
      const text = this.#partial + this.#decoder.write(chunk.subarray(0, bytesRead));
      const lines = text.split('\n');
      this.#partial = lines.pop() ?? '';
      for (const line of lines) if (line !== '') this.onLine(line);
    }
  }
}
