import { supportedLocales } from '../../shared/i18n/locales';
import { roles } from '../../shared/domain/roles';
import { themes, type SettingsPatch } from '../../shared/settings';
import path from 'node:path';
import { databaseFileName } from '../config';
import { latestSchemaVersion } from '../db/migrations';
import { UsageError, type Command } from './command';
import { kbCommands } from './kb-commands';
import { recordingsCommands } from './recordings-commands';

const info: Command = {
  path: ['info'],
  usage: 'seatdesk info [--json]',
  summary: 'Version, data folder and database schema of this workstation',
  async run({ call, out }) {
    const value = await call('app.getInfo', {});
    out.line(`SeatDesk ${value.version}`);
    out.line(`data folder:     ${value.dataDir}`);
    out.line(`database schema: ${value.schemaVersion} (this version supports ${latestSchemaVersion})`);
    out.result(value);
  },
};

const settingsGet: Command = {
  path: ['settings', 'get'],
  usage: 'seatdesk settings get [--json]',
  summary: 'Print the workstation settings',
  async run({ call, out }) {
    const value = await call('settings.get', {});
    out.line(`locale:              ${value.locale}`);
    out.line(`theme:               ${value.theme}`);
    out.line(`profile.displayName: ${value.profile.displayName}`);
    out.line(`profile.role:        ${value.profile.role}`);
    out.result(value);
  },
};

const settableKeys = {
  locale: `auto | ${supportedLocales.join(' | ')}`,
  theme: themes.join(' | '),
  'profile.displayName': '1 to 64 characters',
  'profile.role': roles.join(' | '),
} as const;

const settingsSet: Command = {
  path: ['settings', 'set'],
  usage: 'seatdesk settings set <key> <value>',
  summary: `Change one setting (${Object.keys(settableKeys).join(', ')})`,
  async run({ call, out }, args) {
    const [key, value, ...extra] = args;
    if (key === undefined || value === undefined || extra.length > 0) {
      throw new UsageError('settings set takes exactly a key and a value');
    }
    let patch: Record<string, unknown>;
    if (key === 'locale' || key === 'theme') patch = { [key]: value };
    else if (key === 'profile.displayName') patch = { profile: { displayName: value } };
    else if (key === 'profile.role') patch = { profile: { role: value } };
    else {
      const known = Object.entries(settableKeys)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n');
      throw new UsageError(`Unknown setting "${key}". Settable keys:\n${known}`);
    }
    const next = await call('settings.update', patch as SettingsPatch);
    out.line(`${key} set.`);
    out.result(next);
  },
};

const dbStatus: Command = {
  path: ['db', 'status'],
  usage: 'seatdesk db status [--json]',
  summary: 'Database file and schema version (opening it applies pending migrations)',
  async run({ services, out }) {
    const value = {
      file: path.join(services.info.dataDir, databaseFileName),
      schemaVersion: services.info.schemaVersion,
      latestSchemaVersion,
    };
    out.line(`${value.file}: schema ${value.schemaVersion} of ${value.latestSchemaVersion}`);
    out.result(value);
  },
};

/** Every CLI command. Later features append theirs here. */
export const commands: readonly Command[] = [
  info,
  settingsGet,
  settingsSet,
  dbStatus,
  ...kbCommands,
  ...recordingsCommands,
];
