import { z } from 'zod';
import { supportedLocales } from './i18n/locales';
import { roles } from './domain/roles';

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/**
 * The workstation's user preferences. Every field has a default, so a missing or
 * damaged field never stops the app: it falls back and the damage is reported once.
 */
export const settingsSchema = z.strictObject({
  /** 'auto' follows the OS / browser languages. */
  locale: z.enum(['auto', ...supportedLocales]),
  theme: z.enum(themes),
  profile: z.strictObject({
    displayName: z.string().trim().min(1).max(64),
    role: z.enum(roles),
  }),
  /** Audio devices by the browser's deviceId; '' means the system default. */
  audio: z.strictObject({
    inputId: z.string().max(200),
    outputId: z.string().max(200),
    ringId: z.string().max(200),
  }),
  /** How offers (a chat, a call, a due follow-up) get the agent's attention. */
  notifications: z.strictObject({
    desktop: z.boolean(),
    sound: z.boolean(),
  }),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Readonly<Settings> = Object.freeze({
  locale: 'auto',
  theme: 'system',
  profile: Object.freeze({ displayName: 'Agent', role: 'agent' }),
  audio: Object.freeze({ inputId: '', outputId: '', ringId: '' }),
  notifications: Object.freeze({ desktop: true, sound: true }),
});

/** A partial update: top-level fields replace, `profile` merges one level deep. */
export const settingsPatchSchema = z.strictObject({
  locale: settingsSchema.shape.locale.optional(),
  theme: settingsSchema.shape.theme.optional(),
  profile: settingsSchema.shape.profile.partial().optional(),
  audio: settingsSchema.shape.audio.partial().optional(),
  notifications: settingsSchema.shape.notifications.partial().optional(),
});

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

/** A field given as undefined means "unchanged", like a field left out: it must not erase the stored value. */
function defined<T extends object>(partial: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(partial ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function applySettingsPatch(current: Settings, patch: z.output<typeof settingsPatchSchema>): Settings {
  return {
    locale: patch.locale ?? current.locale,
    theme: patch.theme ?? current.theme,
    profile: { ...current.profile, ...defined(patch.profile) },
    audio: { ...current.audio, ...defined(patch.audio) },
    notifications: { ...current.notifications, ...defined(patch.notifications) },
  };
}

/**
 * Reads a stored settings document field by field. Fields that fail validation
 * fall back to their defaults and are named in `rejected`, so the caller can log
 * them once and keep the raw document instead of losing it.
 */
export function readSettingsDocument(raw: unknown): { settings: Settings; rejected: string[] } {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const rejected: string[] = [];
  const field = <K extends keyof Settings>(key: K): Settings[K] => {
    if (!(key in source)) return defaultSettings[key];
    const parsed = settingsSchema.shape[key].safeParse(source[key]);
    if (parsed.success) return parsed.data as Settings[K];
    rejected.push(key);
    return defaultSettings[key];
  };
  const settings: Settings = {
    locale: field('locale'),
    theme: field('theme'),
    profile: field('profile'),
    audio: field('audio'),
    notifications: field('notifications'),
  };
  for (const key of Object.keys(source)) {
    if (!(key in settingsSchema.shape)) rejected.push(key);
  }
  if (raw !== undefined && (typeof raw !== 'object' || raw === null)) rejected.push('(document)');
  return { settings, rejected };
}
