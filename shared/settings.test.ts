import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings, readSettingsDocument, settingsPatchSchema } from './settings';

describe('readSettingsDocument', () => {
  it('gives defaults for a workstation that never saved settings', () => {
    expect(readSettingsDocument(undefined)).toEqual({ settings: defaultSettings, rejected: [] });
  });

  it('keeps valid fields and names the damaged ones', () => {
    const { settings, rejected } = readSettingsDocument({
      locale: 'zh-TW',
      theme: 'neon',
      profile: { displayName: 'Li Wei', role: 'supervisor' },
      obsolete: true,
    });
    expect(settings).toEqual({
      locale: 'zh-TW',
      theme: 'system',
      profile: { displayName: 'Li Wei', role: 'supervisor' },
      audio: defaultSettings.audio,
      notifications: defaultSettings.notifications,
    });
    expect(rejected.sort()).toEqual(['obsolete', 'theme']);
  });

  it('survives a document that is not an object', () => {
    expect(readSettingsDocument('garbage')).toEqual({ settings: defaultSettings, rejected: ['(document)'] });
    expect(readSettingsDocument(null).rejected).toEqual(['(document)']);
  });
});

describe('settings patches', () => {
  it('merges profile one level deep and replaces the rest', () => {
    const patch = settingsPatchSchema.parse({ theme: 'dark', profile: { role: 'qa' } });
    expect(applySettingsPatch(defaultSettings, patch)).toEqual({
      locale: 'auto',
      theme: 'dark',
      profile: { displayName: 'Agent', role: 'qa' },
      audio: defaultSettings.audio,
      notifications: defaultSettings.notifications,
    });
  });

  it('switches one notification channel and keeps the other', () => {
    const patch = settingsPatchSchema.parse({ notifications: { sound: false } });
    expect(applySettingsPatch(defaultSettings, patch).notifications).toEqual({ desktop: true, sound: false });
  });

  it('treats a field given as undefined like one left out (found by the API fuzzer)', () => {
    const patch = settingsPatchSchema.parse({ profile: { displayName: undefined } });
    expect(applySettingsPatch(defaultSettings, patch)).toEqual(defaultSettings);
  });

  it('refuses unknown fields and invalid values', () => {
    expect(settingsPatchSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ locale: 'fr' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ profile: { displayName: '   ' } }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ profile: { displayName: 'x'.repeat(65) } }).success).toBe(false);
  });
});
