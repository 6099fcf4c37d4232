// Worker-thread entry: worker threads do not inherit the loader hooks of the
// thread that started them, so this plain-JS file registers tsx first and then
// imports the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
