// better-sqlite3 for Electron's ABI, built beside (not over) the Node build.
//
// Node (tests, web host, CLI) loads node_modules/better-sqlite3/build/Release.
// Electron loads .native/electron-<version>-<arch>/better_sqlite3.node through
// better-sqlite3's `nativeBinding` option, so switching between `npm test` and
// `npm start` never needs a rebuild. electron-builder ships the same file as
// resources/native/better_sqlite3.node (see electron-builder.yml).
//
//   node scripts/native.mjs electron   build it now (also run by npm start / dist)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function electronNativePath(arch = process.arch) {
  const { version } = require('electron/package.json');
  const sqlite = require('better-sqlite3/package.json').version;
  return path.join(root, '.native', `electron-${version}-${arch}`, `better-sqlite3-${sqlite}`, 'better_sqlite3.node');
}

export async function ensureElectronNative({ force = false, arch = process.arch } = {}) {
  const target = electronNativePath(arch);
  if (!force && fs.existsSync(target)) return target;
  const { version } = require('electron/package.json');
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-native-'));
  try {
    fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
    console.log(`Building better-sqlite3 for Electron ${version} (${arch})…`);
    const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: version, npm_config_arch: arch };
    try {
      // A published prebuild when one exists for this Electron…
      execFileSync(
        process.execPath,
        [require.resolve('prebuild-install/bin.js'), '--runtime=electron', `--target=${version}`, `--arch=${arch}`],
        { cwd: work, env, stdio: 'inherit' },
      );
    } catch {
      // …else compile against Electron's headers.
      // npm ships node-gyp beside its own CLI (npm_execpath is set under `npm run`).
      const npmCli = process.env.npm_execpath ?? require.resolve('npm/bin/npm-cli.js');
      const nodeGyp = path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
      execFileSync(
        process.execPath,
        [
          nodeGyp,
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${version}`,
          `--arch=${arch}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        { cwd: work, env, stdio: 'inherit' },
      );
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), target);
    return target;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] !== 'electron') {
    console.error('Usage: node scripts/native.mjs electron');
    process.exit(2);
  }
  const file = await ensureElectronNative({ force: process.argv.includes('--force') });
  // The copy electron-builder.yml packs (extraResources: .native/package/${arch}).
  const packaged = path.join(root, '.native', 'package', process.arch, 'better_sqlite3.node');
  fs.mkdirSync(path.dirname(packaged), { recursive: true });
  fs.copyFileSync(file, packaged);
  console.log(`better-sqlite3 for Electron: ${path.relative(root, file)}`);
}
