import type { Benchmark } from './types';

/** The center area's benchmarks (ids named in its issue). */
export const centerBenchmark: Benchmark = {
  name: 'center',
  async run() {
    return [];
  },
};
