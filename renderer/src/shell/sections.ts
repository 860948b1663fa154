import {
  IconBook2,
  IconHeadset,
  IconPresentationAnalytics,
  IconRosetteDiscountCheck,
  IconSettings,
  type Icon,
} from '@tabler/icons-react';

export const sectionIds = ['workspace', 'knowledgeBase', 'quality', 'wallboard', 'settings'] as const;
export type SectionId = (typeof sectionIds)[number];

export interface Section {
  readonly id: SectionId;
  /** The hash route: #/workspace. */
  readonly path: string;
  readonly icon: Icon;
  /** Alt+1…Alt+5. */
  readonly hotkey: string;
}

export const sections: readonly Section[] = [
  { id: 'workspace', path: 'workspace', icon: IconHeadset, hotkey: 'alt+1' },
  { id: 'knowledgeBase', path: 'kb', icon: IconBook2, hotkey: 'alt+2' },
  { id: 'quality', path: 'quality', icon: IconRosetteDiscountCheck, hotkey: 'alt+3' },
  { id: 'wallboard', path: 'wallboard', icon: IconPresentationAnalytics, hotkey: 'alt+4' },
  { id: 'settings', path: 'settings', icon: IconSettings, hotkey: 'alt+5' },
];

export function sectionFromHash(hash: string): SectionId {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return sections.find((s) => s.path === path)?.id ?? 'workspace';
}

export function hashFor(id: SectionId): string {
  return `#/${sections.find((s) => s.id === id)?.path ?? 'workspace'}`;
}
