import type { WorkItem, WorkItemChannel } from '../../../../shared/center/work-items';

/** The unified queue's pure helpers: channel filter, selection moves and its single-letter keys. */

export const queueFilters = ['all', 'voice', 'chat', 'ticket', 'followUp'] as const;
export type QueueFilter = (typeof queueFilters)[number];

export function filterItems(items: readonly WorkItem[], filter: QueueFilter): readonly WorkItem[] {
  return filter === 'all' ? items : items.filter((item) => item.channel === filter);
}

export function countByChannel(items: readonly WorkItem[]): Record<QueueFilter, number> {
  const counts: Record<QueueFilter, number> = { all: items.length, voice: 0, chat: 0, ticket: 0, followUp: 0 };
  for (const item of items) counts[item.channel satisfies WorkItemChannel] += 1;
  return counts;
}

/** j/k from the selected row; nothing selected starts at the top. Clamped, never wraps. */
export function moveSelection(items: readonly WorkItem[], selected: string | null, delta: number): string | null {
  if (items.length === 0) return null;
  const index = selected === null ? -1 : items.findIndex((item) => item.key === selected);
  if (index < 0) return items[0]?.key ?? null;
  const next = Math.max(0, Math.min(items.length - 1, index + delta));
  return items[next]?.key ?? null;
}

export type QueueKeyAction = 'next' | 'previous' | 'first' | 'last' | 'open' | 'accept' | 'decline';

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** The key went to a text field (input, textarea, contenteditable, a select's search box). */
  readonly inTextField: boolean;
}

/**
 * The queue's own keys (shown in the shortcuts help). Single letters never act while the
 * agent types, and never with a modifier, so they cannot clash with the global chords.
 */
export function queueKeyAction(event: KeyLike): QueueKeyAction | null {
  if (event.inTextField || event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Enter':
      return 'open';
    case 'a':
      return 'accept';
    case 'd':
      return 'decline';
    default:
      return null;
  }
}

export const queueKeys: readonly {
  readonly keys: readonly string[];
  readonly action: 'next' | 'previous' | 'open' | 'accept' | 'decline' | 'knowledgeBase';
}[] = [
  { keys: ['J', '↓'], action: 'next' },
  { keys: ['K', '↑'], action: 'previous' },
  { keys: ['Enter'], action: 'open' },
  { keys: ['A'], action: 'accept' },
  { keys: ['D'], action: 'decline' },
  // Not a queue key, but the Workspace's: it opens the knowledge-base tab and focuses its search.
  { keys: ['mod', 'shift', 'K'], action: 'knowledgeBase' },
];

/** Whether a key event's target is somewhere the agent types. */
export function isTextField(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'file', 'color'].includes(type);
}

/** Seconds left (negative once breached) until an item's SLA deadline. */
export function secondsLeft(item: Pick<WorkItem, 'dueAt'>, now: number): number {
  return Math.ceil((item.dueAt - now) / 1000);
}
