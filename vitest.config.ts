import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'lrs/test/**/*.test.ts',
      'player/test/**/*.test.ts',
      'authoring/test/**/*.test.ts',
      'examples/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and server tests start real processes; two cores do not like many at once.
    maxWorkers: 2,
  },
});
