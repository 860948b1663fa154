import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemorySink } from './log/logger';
import { createServices, type Services } from './services';

/** A fresh data folder per test, removed afterwards by the caller's cleanup. */
export function tempDir(prefix = 'seatdesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function testServices(
  dataDir = tempDir(),
): Promise<{ services: Services; sink: MemorySink; dataDir: string }> {
  const sink = new MemorySink();
  const services = await createServices({ mode: 'web', dataDir, logSink: sink, logToFile: false });
  return { services, sink, dataDir };
}
