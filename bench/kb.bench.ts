import type { Benchmark } from './types';

/** The kb area's benchmarks (ids named in its issue). */
export const kbBenchmark: Benchmark = {
  name: 'kb',
  async run() {
    return [];
  },
};
