import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { z } from 'zod';
import type { AppStateStore } from '../settings/app-state';

const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

const defaults = { width: 1440, height: 900 } as const;

/** A saved position is used only if it is still mostly on a connected display. */
function isVisible(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea }) => {
    const overlapX = Math.min(bounds.x + bounds.width, workArea.x + workArea.width) - Math.max(bounds.x, workArea.x);
    const overlapY = Math.min(bounds.y + bounds.height, workArea.y + workArea.height) - Math.max(bounds.y, workArea.y);
    return overlapX >= 200 && overlapY >= 100;
  });
}

export async function loadWindowState(
  store: AppStateStore,
  key: string,
): Promise<Partial<WindowState> & { width: number; height: number }> {
  const saved = await store.read(`window.${key}`, windowStateSchema);
  if (saved === undefined || !isVisible(saved)) return { ...defaults };
  return saved;
}

const keyOf = new WeakMap<BrowserWindow, string>();

/** Writes a window's placement now (also called on quit, before the database closes). */
export async function saveWindowState(window: BrowserWindow, store: AppStateStore): Promise<void> {
  const key = keyOf.get(window);
  if (key === undefined || window.isDestroyed() || window.isMinimized()) return;
  const bounds = window.isMaximized() ? window.getNormalBounds() : window.getBounds();
  await store.write(`window.${key}`, { ...bounds, maximized: window.isMaximized() });
}

/** Saves size and position as the user moves the window (debounced) and on close. */
export function trackWindowState(window: BrowserWindow, store: AppStateStore, key: string): void {
  keyOf.set(window, key);
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    void saveWindowState(window, store).catch(() => undefined);
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
