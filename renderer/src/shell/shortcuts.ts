import type { PhoneCommand } from '../features/softphone/phone-commands';
import type { SectionId } from './sections';
import { sections } from './sections';

/**
 * Every global shortcut, once: the hotkey bindings and the help dialog both read
 * this list, so the help can never drift from what the keys do.
 */
export type ShortcutAction =
  | { readonly kind: 'palette' }
  | { readonly kind: 'help' }
  | { readonly kind: 'toggleTheme' }
  | { readonly kind: 'goTo'; readonly section: SectionId }
  | { readonly kind: 'phone'; readonly command: PhoneCommand };

export interface Shortcut {
  readonly id: string;
  /** Mantine hotkey syntax; `mod` is Ctrl, or ⌘ on macOS. */
  readonly keys: string;
  readonly action: ShortcutAction;
}

export const shortcuts: readonly Shortcut[] = [
  { id: 'palette', keys: 'mod+K', action: { kind: 'palette' } },
  { id: 'help', keys: 'mod+/', action: { kind: 'help' } },
  { id: 'toggleTheme', keys: 'mod+shift+L', action: { kind: 'toggleTheme' } },
  ...sections.map((s) => ({ id: `goTo.${s.id}`, keys: s.hotkey, action: { kind: 'goTo', section: s.id } as const })),
  // The phone: modifier chords that no text field uses, so they work while typing notes.
  { id: 'phone.answer', keys: 'mod+shift+A', action: { kind: 'phone', command: 'answer' } },
  { id: 'phone.hangup', keys: 'mod+shift+E', action: { kind: 'phone', command: 'hangup' } },
  { id: 'phone.hold', keys: 'mod+shift+H', action: { kind: 'phone', command: 'hold' } },
  { id: 'phone.mute', keys: 'mod+shift+M', action: { kind: 'phone', command: 'mute' } },
  { id: 'phone.transfer', keys: 'mod+shift+X', action: { kind: 'phone', command: 'transfer' } },
  { id: 'phone.dial', keys: 'mod+shift+D', action: { kind: 'phone', command: 'dial' } },
];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** 'mod+shift+L' → ['Ctrl', 'Shift', 'L'] (or ['⌘', '⇧', 'L'] on macOS). */
export function keyLabels(keys: string): string[] {
  return keys.split('+').map((part) => {
    switch (part.toLowerCase()) {
      case 'mod':
        return isMac ? '⌘' : 'Ctrl';
      case 'shift':
        return isMac ? '⇧' : 'Shift';
      case 'alt':
        return isMac ? '⌥' : 'Alt';
      default:
        return part.length === 1 ? part.toUpperCase() : part;
    }
  });
}
