import { describe, expect, it } from 'vitest';
import type { Interaction, Queue } from '../../shared/center/types';
import { hasCapacity, pickAgent, pickInteraction, WaitingLine, type RoutableAgent } from './routing';

const agent = (id: string, patch: Partial<RoutableAgent> = {}): RoutableAgent => ({
  id,
  skills: ['chat', 'voice'],
  available: true,
  voiceLoad: 0,
  chatLoad: 0,
  maxChats: 3,
  idleSince: 1000,
  lastOfferAt: 0,
  ...patch,
});

const queue = (id: string, priority: number, channel: Queue['channel'] = 'chat'): Queue =>
  ({ id, priority, channel, skill: channel, offerTimeoutSeconds: 15 }) as Queue;

const contact = (id: string, queueId: string, queuedAt: number, channel: 'voice' | 'chat' = 'chat'): Interaction =>
  ({ id, queueId, queuedAt, channel, declinedBy: [] as string[] }) as Interaction;

describe('routing', () => {
  it('offers to the longest-idle ready agent with the skill', () => {
    const agents = [
      agent('a', { idleSince: 3000 }),
      agent('b', { idleSince: 1000 }),
      agent('c', { idleSince: 500, skills: ['voice'] }),
    ];
    expect(pickAgent({ channel: 'chat' }, { skill: 'chat' }, agents)?.id).toBe('b');
  });

  it('skips agents who are not available, excluded, or at capacity', () => {
    const agents = [
      agent('busy', { idleSince: null, chatLoad: 3 }),
      agent('away', { available: false, idleSince: 1 }),
      agent('declined', { idleSince: 2 }),
      agent('free', { idleSince: 9000 }),
    ];
    expect(pickAgent({ channel: 'chat' }, { skill: 'chat' }, agents, new Set(['declined']))?.id).toBe('free');
    expect(pickAgent({ channel: 'chat' }, { skill: 'chat' }, [agents[0]!, agents[1]!])).toBeNull();
  });

  it('counts capacity as one call plus up to maxChats chats', () => {
    expect(hasCapacity(agent('a', { chatLoad: 2 }), 'chat')).toBe(true);
    expect(hasCapacity(agent('a', { chatLoad: 3 }), 'chat')).toBe(false);
    expect(hasCapacity(agent('a', { chatLoad: 3 }), 'voice')).toBe(true);
    expect(hasCapacity(agent('a', { voiceLoad: 1 }), 'voice')).toBe(false);
    expect(hasCapacity(agent('a', { voiceLoad: 1 }), 'chat')).toBe(true);
    expect(hasCapacity(agent('a', { voiceLoad: 1, chatLoad: 3 }), 'chat')).toBe(false);
    expect(hasCapacity(agent('a', { voiceLoad: 1, chatLoad: 3 }), 'ticket')).toBe(true);
  });

  it('prefers idle agents, then the least loaded, when nobody is fully idle', () => {
    const agents = [agent('two', { idleSince: null, chatLoad: 2 }), agent('one', { idleSince: null, chatLoad: 1 })];
    expect(pickAgent({ channel: 'chat' }, { skill: 'chat' }, agents)?.id).toBe('one');
    expect(
      pickAgent({ channel: 'chat' }, { skill: 'chat' }, [...agents, agent('idle', { idleSince: 99_999 })])?.id,
    ).toBe('idle');
  });

  it('gives a free agent the highest-priority queue first, then the longest waiting', () => {
    const queues = [queue('vip', 90), queue('normal', 50), queue('calls', 70, 'voice')];
    const sorted = [...queues].sort((a, b) => b.priority - a.priority);
    const waiting = new Map<string, WaitingLine>();
    const line = (id: string): WaitingLine => {
      const l = new WaitingLine();
      waiting.set(id, l);
      return l;
    };
    line('normal').add(contact('old-normal', 'normal', 100));
    line('vip').add(contact('new-vip', 'vip', 900));
    expect(pickInteraction(agent('a'), sorted, waiting)?.id).toBe('new-vip');
    line('vip').remove('new-vip');
    expect(pickInteraction(agent('a'), sorted, waiting)?.id).toBe('old-normal');
    line('calls').add(contact('call', 'calls', 50, 'voice'));
    expect(pickInteraction(agent('a'), sorted, waiting)?.id).toBe('call');
    // On a call already: the next call waits, chats still come (1 call + N chats).
    expect(pickInteraction(agent('a', { voiceLoad: 1 }), sorted, waiting)?.id).toBe('old-normal');
    expect(pickInteraction(agent('a', { voiceLoad: 1, chatLoad: 3 }), sorted, waiting)).toBeNull();
  });

  it('keeps a put-back contact in its place by its original queue time', () => {
    const line = new WaitingLine();
    line.add(contact('b', 'q', 200));
    line.add(contact('c', 'q', 300));
    line.add(contact('a', 'q', 100));
    expect([...line].map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(line.oldest((i) => i.id === 'a')?.id).toBe('b');
  });
});
