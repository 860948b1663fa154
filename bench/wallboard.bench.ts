import type { Benchmark } from './types';

/** The wallboard area's benchmarks (ids named in its issue). */
export const wallboardBenchmark: Benchmark = {
  name: 'wallboard',
  async run() {
    return [];
  },
};
