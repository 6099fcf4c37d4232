// Worker-thread entry: worker threads do not inherit the loader hooks of the
// thread that started them, so this plain-JS file registers tsx first and then
// imports the TypeScript module named in workerData.entry. Scripts may import
// `harness` from wherever they live: the scenario resolve hook comes too.
import { register as registerHook } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
registerHook(new URL('../../scenario/resolve-harness.mjs', import.meta.url));
await import(workerData.entry);
