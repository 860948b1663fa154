import os from 'node:os';
import path from 'node:path';
import type { LogSink } from './log/logger';
import type { WorkerScript } from './db/sql-client';
import type { Cipher } from './secrets/secret-store';
import type { SoftphoneServiceDeps } from './softphone/softphone-service';
import type { TrainingMode } from './center/center-service';
import type { TrainingTiming } from './center/training';

export type HostMode = 'electron' | 'web' | 'cli';

/** Everything the composition root needs; each host fills it from its own world. */
export interface ServiceConfig {
  readonly mode: HostMode;
  readonly dataDir: string;
  /** better-sqlite3 built for Electron's ABI; undefined under plain Node. */
  readonly nativeBinding?: string | undefined;
  /** Extra log destination (the terminal for web and CLI; memory in tests). */
  readonly logSink?: LogSink;
  /** Set false to keep tests from writing a log file. */
  readonly logToFile?: boolean;
  readonly now?: () => Date;
  readonly dbScript?: WorkerScript;
  /** Electron's safeStorage; without it secrets are stored in a 0600 file, unencrypted. */
  readonly secretsCipher?: Cipher | undefined;
  /** Test seams for the softphone (signaling-only media, short keepalives). */
  readonly softphone?: Pick<SoftphoneServiceDeps, 'media' | 'phoneOptions'>;
  /** Training mode with simulated customers: `auto` starts it on a first start without a phone account. */
  readonly training?: TrainingMode;
  /** Test seam: how soon simulated contacts arrive. */
  readonly trainingTiming?: Partial<TrainingTiming>;
}

/** SEATDESK_TRAINING=on|off|auto (default auto): tests switch the simulated customers off. */
export function trainingModeFromEnv(env: NodeJS.ProcessEnv = process.env): TrainingMode {
  const value = env.SEATDESK_TRAINING?.trim().toLowerCase();
  return value === 'on' || value === 'off' ? value : 'auto';
}

export const productName = 'SeatDesk';

/** The database inside the data folder. */
export const databaseFileName = 'seatdesk.db';

/**
 * Where SeatDesk keeps its data when Electron does not say: SEATDESK_DATA_DIR,
 * else the same folder Electron's userData would be, so the web host and the
 * CLI see the desktop app's data.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const explicit = env.SEATDESK_DATA_DIR?.trim();
  if (explicit) return path.resolve(explicit);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), productName);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', productName);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), productName);
  }
}
