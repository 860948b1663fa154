import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const hostScript = path.join(repoRoot, 'out/main/web-host.mjs');

export interface Host {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, no cleanup. */
  kill(): Promise<void>;
}

export function freshDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-e2e-'));
}

/**
 * Starts the built web host (npm run build first) and resolves when it prints
 * its URL: no sleeps, no polling. PORT=0 lets the OS pick a free port.
 */
export function startHost(options: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<Host> {
  if (!fs.existsSync(hostScript)) throw new Error(`${hostScript} is missing; run "npm run build" first.`);
  const child = spawn(process.execPath, [hostScript], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      SEATDESK_DATA_DIR: options.dataDir,
      // Simulated customers only where a spec asks for training mode.
      SEATDESK_TRAINING: 'off',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise<Host>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`web host exited (${code}) before listening:\n${stderr}`)));
    lines.on('line', (line) => {
      const match = /SeatDesk web mode: (http:\/\/\S+)/.exec(line);
      if (!match?.[1]) return;
      const url = match[1];
      resolve({
        url,
        port: Number(new URL(url).port),
        dataDir: options.dataDir,
        process: child,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          // A host that does not stop within 5 s is stuck: a test must never leave it running.
          const stuck = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(stuck);
        },
        kill: async () => {
          if (child.exitCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}
