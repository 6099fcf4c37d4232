/** The results wing's door: the results store written as a run goes, reading stored runs, the k6 summary export. */
export { writeAtomic, writeAtomicSync } from './atomic-write.ts';
export { readResults } from './read.ts';
export { ResultsStore } from './store.ts';
