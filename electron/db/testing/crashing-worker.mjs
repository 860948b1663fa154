// A database worker that says it is ready and then dies on the first call:
// lets the tests see how SqlClient behaves when its thread crashes.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage({ type: 'ready', schemaVersion: 1 });
parentPort.on('message', () => process.exit(3));
