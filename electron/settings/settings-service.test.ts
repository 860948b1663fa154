import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import { SqlClient } from '../db/sql-client';
import { MemorySink, createLogger } from '../log/logger';
import { tempDir, testServices } from '../test-support';
import path from 'node:path';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('SettingsService', () => {
  it('remembers settings between runs', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await testServices(dir);
    await first.services.settings.update({ locale: 'zh-TW', theme: 'dark' });
    await first.services.close();
    const second = await testServices(dir);
    expect(second.services.settings.get()).toMatchObject({ locale: 'zh-TW', theme: 'dark' });
    await second.services.close();
  });

  it('emits settings.changed to every listener', async () => {
    const { services, dataDir } = await testServices();
    dirs.push(dataDir);
    const seen: unknown[] = [];
    services.events.subscribe((name, payload) => {
      if (name.startsWith('settings.')) seen.push([name, payload]);
    });
    await services.settings.update({ theme: 'light' });
    expect(seen).toEqual([['settings.changed', expect.objectContaining({ theme: 'light' })]]);
    await services.close();
  });

  it('applies quick successive updates in order without losing one', async () => {
    const { services, dataDir } = await testServices();
    dirs.push(dataDir);
    await Promise.all([
      services.settings.update({ theme: 'dark' }),
      services.settings.update({ locale: 'zh-CN' }),
      services.settings.update({ profile: { displayName: '王芳' } }),
    ]);
    expect(services.settings.get()).toEqual({
      ...defaultSettings,
      locale: 'zh-CN',
      theme: 'dark',
      profile: { displayName: '王芳', role: 'agent' },
    });
    await services.close();
  });

  it('falls back on damaged stored settings, logs it once, and keeps the original', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const log = createLogger(new MemorySink());
    const db = await SqlClient.open({ file: path.join(dir, 'seatdesk.db'), log });
    const damaged = { locale: 'klingon', theme: 'dark', profile: 42 };
    await db.run('kv.put', 'settings', damaged);
    await db.close();

    const { services, sink } = await testServices(dir);
    expect(services.settings.get()).toEqual({ ...defaultSettings, theme: 'dark' });
    const warnings = sink.at('warn').filter((r) => r.module === 'settings');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toEqual({ fields: ['locale', 'profile'] });
    await services.close();

    const check = await SqlClient.open({ file: path.join(dir, 'seatdesk.db'), log });
    expect(await check.run('kv.get', 'settings.rejected')).toMatchObject({ document: damaged });
    await check.close();
  });
});
