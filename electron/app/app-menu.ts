import { app, Menu, screen, type MenuItemConstructorOptions } from 'electron';
import { matchLocale, type Locale } from '../../shared/i18n/locales';
import { resources } from '../../shared/i18n/resources';
import type { Settings } from '../../shared/settings';
import { wallboardDisplays, type WallboardDisplay } from './wallboard-window';

/**
 * The application menu: the platform's usual roles (copy/paste, reload, window) plus
 * "Open wallboard on display…" with one item per connected display, and "Close wallboard"
 * while one is open. Labels come from the shared locales (menus are outside React/i18next).
 */

/**
 * The main process's reading of the locale setting, as renderer/src/i18n resolveLocale reads it:
 * 'auto' follows the app's locale (what navigator.languages starts with), then the OS languages.
 */
export function mainProcessLocale(setting: Settings['locale']): Locale {
  if (setting !== 'auto') return setting;
  return matchLocale([app.getLocale(), ...app.getPreferredSystemLanguages()]);
}

/** Fills simple ICU arguments ({name}); the menu messages use no plural or number formats. */
function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export function displayLabel(display: WallboardDisplay, locale: Locale): string {
  const text = resources[locale].wallboard.menu;
  const label = fill(text.display, { index: display.index, width: display.width, height: display.height });
  const name = display.name.trim() === '' ? '' : ` ${display.name.trim()}`;
  return `${label}${name}${display.primary ? ` ${text.primary}` : ''}`;
}

export const wallboardMenuIds = { open: 'wallboard-open', close: 'wallboard-close' } as const;

export interface AppMenuDeps {
  locale: () => Locale;
  /** The display the wallboard is open on, or null. */
  openOn: () => number | null;
  open: (displayId: number) => void;
  close: () => void;
}

export function buildAppMenu(deps: AppMenuDeps): Menu {
  const locale = deps.locale();
  const text = resources[locale].wallboard.menu;
  const isMac = process.platform === 'darwin';
  const openOn = deps.openOn();
  const displays = wallboardDisplays();
  const wallboardItems: MenuItemConstructorOptions[] = [
    {
      id: wallboardMenuIds.open,
      label: text.openOnDisplay,
      enabled: displays.length > 0,
      submenu: displays.map((display) => ({
        label: displayLabel(display, locale),
        type: 'checkbox',
        checked: display.id === openOn,
        click: () => deps.open(display.id),
      })),
    },
    ...(openOn === null ? [] : [{ id: wallboardMenuIds.close, label: text.close, click: () => deps.close() }]),
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { label: resources[locale].wallboard.title, submenu: wallboardItems },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

/** Installs the menu and rebuilds it when displays come, go or change. Returns the rebuild. */
export function installAppMenu(deps: AppMenuDeps): () => void {
  const rebuild = (): void => Menu.setApplicationMenu(buildAppMenu(deps));
  rebuild();
  screen.on('display-added', rebuild);
  screen.on('display-removed', rebuild);
  screen.on('display-metrics-changed', rebuild);
  return rebuild;
}
