// Finds Electron's binary without triggering its lazy download: `require('electron')`
// would try to fetch it, which fails on offline machines and CI.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @returns {{ path: string } | { missing: string }} */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  if (override) {
    const candidate = path.join(override, relative ?? 'electron');
    return fs.existsSync(candidate) ? { path: candidate } : { missing: `no binary at ${candidate}` };
  }
  if (relative === undefined) {
    return {
      missing: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
        ? 'ELECTRON_SKIP_BINARY_DOWNLOAD is set and no binary was installed'
        : 'it was never downloaded, as on an offline install',
    };
  }
  const binary = path.join(packageDir, 'dist', relative);
  return fs.existsSync(binary) ? { path: binary } : { missing: `no binary at ${binary}` };
}
