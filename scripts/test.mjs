// `npm test`: typecheck, lint, unit and integration tests, then Playwright e2e in
// headless Chromium against the web host. Stops at the first failing step, and
// always ends with one summary line: "Tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'e2e-results');
const vitestReport = path.join(reports, 'vitest.json');
const playwrightReport = path.join(reports, 'playwright.json');
fs.mkdirSync(reports, { recursive: true });
fs.rmSync(vitestReport, { force: true });
fs.rmSync(playwrightReport, { force: true });

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const steps = [
  ['typecheck', bin('tsc'), ['-b']],
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  [
    'unit and integration tests',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  ],
  ['build', process.execPath, ['scripts/build.mjs']],
  ['e2e (Chromium, web host)', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport }],
];

function counts() {
  const total = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(vitestReport)) {
    const v = JSON.parse(fs.readFileSync(vitestReport, 'utf8'));
    total.passed += v.numPassedTests ?? 0;
    total.failed += v.numFailedTests ?? 0;
    total.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  }
  if (fs.existsSync(playwrightReport)) {
    const p = JSON.parse(fs.readFileSync(playwrightReport, 'utf8'));
    total.passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
    total.failed += p.stats?.unexpected ?? 0;
    total.skipped += p.stats?.skipped ?? 0;
  }
  return total;
}

let failedStep;
for (const [name, command, args, env] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

const { passed, failed, skipped } = counts();
if (failedStep) console.log(`\n✗ ${failedStep} failed`);
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStep ? 1 : 0);
