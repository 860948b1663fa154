import fs from 'node:fs';
import path from 'node:path';
import { centerBenchmark } from './center.bench';
import { kbBenchmark } from './kb.bench';
import { mediaBenchmark } from './media.bench';
import { recordingsBenchmark } from './recordings.bench';
import { wallboardBenchmark } from './wallboard.bench';
import { workspaceBenchmark } from './workspace.bench';
import { sipBenchmark } from './sip.bench';
import { startupBenchmark } from './startup.bench';
import type { Benchmark, BenchResult } from './types';

/**
 * `npm run bench`: runs every registered benchmark and writes bench-results.json
 * at the repository root. Benchmarks measure; they never pass or fail: npm test
 * makes no timing assertions.
 *   npm run bench -- startup   only the benchmarks whose name matches
 */
const benchmarks: readonly Benchmark[] = [
  startupBenchmark,
  sipBenchmark,
  mediaBenchmark,
  centerBenchmark,
  kbBenchmark,
  recordingsBenchmark,
  wallboardBenchmark,
  workspaceBenchmark,
];

const filter = process.argv[2];
const selected = benchmarks.filter((b) => filter === undefined || b.name.includes(filter));
const results: BenchResult[] = [];
for (const benchmark of selected) {
  process.stdout.write(`bench ${benchmark.name}… `);
  const started = Date.now();
  const measured = await benchmark.run();
  results.push(...measured);
  console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const r of measured) {
    const peer = r.peer ? `   (peer ${r.peer.name}: ${r.peer.value} ${r.unit})` : '';
    console.log(`  ${r.id.padEnd(32)} ${String(r.value).padStart(10)} ${r.unit}${peer}`);
  }
}

const file = path.resolve(import.meta.dirname, '..', 'bench-results.json');
// Keep results of benchmarks not run this time (a filtered run updates only its own ids).
const previous: BenchResult[] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult[]) : [];
const ids = new Set(results.map((r) => r.id));
const merged = [...previous.filter((r) => !ids.has(r.id)), ...results].sort((a, b) => a.id.localeCompare(b.id));
fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
