import type { Benchmark } from './types';

/** The recordings area's benchmarks (ids named in its issue). */
export const recordingsBenchmark: Benchmark = {
  name: 'recordings',
  async run() {
    return [];
  },
};
