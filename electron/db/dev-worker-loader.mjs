// Runs the database worker straight from TypeScript (Vitest, tsx). Bundled builds
// load out/main/db-worker.mjs instead and never reach this file.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
