import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 compiled for Electron's ABI, kept apart from the Node build in
 * node_modules so tests under Node keep working. scripts/native.mjs writes it to
 * .native/electron-<version>-<arch>/; electron-builder ships it in resources/native/.
 */
export function electronNativeBinding(options: {
  readonly packaged: boolean;
  readonly resourcesPath: string;
  readonly appPath: string;
  readonly electronVersion: string;
  readonly sqliteVersion: string;
}): string | undefined {
  const candidate = options.packaged
    ? path.join(options.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(
        options.appPath,
        '.native',
        `electron-${options.electronVersion}-${process.arch}`,
        `better-sqlite3-${options.sqliteVersion}`,
        'better_sqlite3.node',
      );
  return fs.existsSync(candidate) ? candidate : undefined;
}
