import { defineConfig } from 'vitest/config';

// Unit and component tests sit beside the code (*.test.ts); integration and
// end-to-end tests start real servers through the runtime and live in test/.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'model/**/*.test.ts',
            'harness/**/*.test.ts',
            'targets/**/*.test.ts',
            'chaos/**/*.test.ts',
            'reports/**/*.test.ts',
            'dashboards/**/*.test.ts',
            'test/architecture/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/architecture/**'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // Real servers on a 2-core machine: one file at a time, so tests do not measure each other.
          fileParallelism: false,
        },
      },
    ],
  },
});
