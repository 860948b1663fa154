import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../../../../shared/center/work-items';
import { countByChannel, filterItems, moveSelection, queueKeyAction, secondsLeft, type KeyLike } from './queue-logic';

function item(key: string, channel: WorkItem['channel']): WorkItem {
  return {
    key,
    kind: channel === 'ticket' ? 'ticket' : channel === 'followUp' ? 'followUp' : 'interaction',
    refId: key,
    channel,
    state: 'active',
    customerName: key,
    queueName: null,
    title: '',
    since: 0,
    dueAt: 0,
    windowMs: 1000,
    timed: true,
    unread: 0,
  };
}

const items = [item('a', 'chat'), item('b', 'voice'), item('c', 'chat'), item('d', 'ticket')];
const key = (k: string, patch: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inTextField: false,
  ...patch,
});

describe('queue filter', () => {
  it('filters by channel and counts each', () => {
    expect(filterItems(items, 'chat').map((i) => i.key)).toEqual(['a', 'c']);
    expect(filterItems(items, 'all')).toBe(items);
    expect(countByChannel(items)).toEqual({ all: 4, voice: 1, chat: 2, ticket: 1, followUp: 0 });
  });
});

describe('moveSelection', () => {
  it('starts at the top, moves and clamps', () => {
    expect(moveSelection(items, null, 1)).toBe('a');
    expect(moveSelection(items, 'a', 1)).toBe('b');
    expect(moveSelection(items, 'd', 1)).toBe('d');
    expect(moveSelection(items, 'a', -1)).toBe('a');
    expect(moveSelection(items, 'gone', -1)).toBe('a');
    expect(moveSelection([], 'a', 1)).toBeNull();
    expect(moveSelection(items, 'a', items.length)).toBe('d');
  });
});

describe('queueKeyAction', () => {
  it('maps the queue keys', () => {
    expect(queueKeyAction(key('j'))).toBe('next');
    expect(queueKeyAction(key('k'))).toBe('previous');
    expect(queueKeyAction(key('ArrowDown'))).toBe('next');
    expect(queueKeyAction(key('Enter'))).toBe('open');
    expect(queueKeyAction(key('a'))).toBe('accept');
    expect(queueKeyAction(key('d'))).toBe('decline');
    expect(queueKeyAction(key('x'))).toBeNull();
  });

  it('never acts while typing or with a modifier', () => {
    expect(queueKeyAction(key('a', { inTextField: true }))).toBeNull();
    expect(queueKeyAction(key('j', { ctrlKey: true }))).toBeNull();
    expect(queueKeyAction(key('d', { metaKey: true }))).toBeNull();
    expect(queueKeyAction(key('a', { altKey: true }))).toBeNull();
    // Capital A is Shift+a: not the accept key (Ctrl+Shift+A answers the phone).
    expect(queueKeyAction(key('A'))).toBeNull();
  });
});

describe('secondsLeft', () => {
  it('rounds up and goes negative once breached', () => {
    expect(secondsLeft({ dueAt: 10_500 }, 0)).toBe(11);
    expect(secondsLeft({ dueAt: 0 }, 2000)).toBe(-2);
  });
});
