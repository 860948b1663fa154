// `npm start`: the desktop app when Electron's binary is present, else web mode.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';
import { ensureElectronNative } from './native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = findElectronBinary();
if ('path' in electron) {
  try {
    await ensureElectronNative();
  } catch (error) {
    console.error(`SeatDesk: could not build better-sqlite3 for Electron: ${error.message}`);
    console.error('Run "npm run rebuild:electron" to see the full output.');
    process.exit(1);
  }
  run(electron.path, ['.']);
} else {
  console.log(`Electron binary not found: ${electron.missing}. Starting SeatDesk in web mode instead.`);
  if (!fs.existsSync(path.join(root, 'out/main/web-host.mjs'))) {
    console.error('SeatDesk: out/main/web-host.mjs is missing; run "npm run build".');
    process.exit(1);
  }
  run(process.execPath, ['out/main/web-host.mjs']);
}
