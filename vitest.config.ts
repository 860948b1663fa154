import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'renderer/customer-chat/**/*.test.ts',
    ],
    environment: 'node',
    // Worker threads and real servers start in some tests; generous, never relied on for timing.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
