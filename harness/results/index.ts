/** The results wing's door: the results store written as a run goes, reading stored runs, the k6 summary export. */
export { writeAtomic, writeAtomicSync } from './atomic-write.ts';
export { type K6SummaryExport, toK6Summary } from './k6-summary.ts';
export { readResults } from './read.ts';
export { ResultsStore } from './store.ts';
