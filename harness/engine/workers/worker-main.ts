/**
 * A worker thread's side of a multi-core run: runs its share of the plan
 * with the same local engine as one thread, and posts each interval sample,
 * ledger batch and the result to the engine.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInputError } from '../../../model/index.ts';
import { runLocal } from '../local-run.ts';
import { loadScript } from '../script/load-script.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.ts';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const post = (m: FromWorker): void => port.postMessage(m);
const abort = new AbortController();
let startAt: ((epoch: number) => void) | undefined;
let pendingStart: number | undefined;

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'start':
      if (startAt !== undefined) startAt(m.at);
      else pendingStart = m.at;
      break;
    case 'abort':
      abort.abort();
      // Still waiting for the start: start now, so the run sees the abort and ends.
      if (startAt !== undefined) startAt(performance.timeOrigin + performance.now());
      else pendingStart ??= performance.timeOrigin + performance.now();
      break;
  }
});

try {
  const script = setup.script === undefined ? undefined : await loadScript(setup.script);
  let index = 0;
  const result = await runLocal(
    {
      ...setup.request,
      signal: abort.signal,
      sink: {
        onInterval: (sample) => post({ type: 'interval', index: index++, sample }),
        onLedger: (entries) => post({ type: 'ledger', entries }),
      },
    },
    {
      client: setup.client,
      seed: setup.seed,
      share: { index: setup.index, count: setup.count },
      ...(script === undefined ? {} : { script }),
      awaitStart: () => {
        post({ type: 'ready' });
        return new Promise<number>((resolve) => {
          if (pendingStart !== undefined) resolve(pendingStart);
          else startAt = resolve;
        });
      },
    },
  );
  post({ type: 'done', result });
} catch (err) {
  const e = err as Error;
  post({
    type: 'failed',
    name: e.name,
    message: e.message,
    ...(err instanceof InvalidInputError ? { problems: err.problems } : {}),
  });
} finally {
  port.close();
}
