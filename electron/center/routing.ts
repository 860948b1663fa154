import type { Channel, Interaction, Queue } from '../../shared/center/types';

/**
 * Routing, without I/O so it is tested on its own and fast enough for 500 agents and
 * 5,000 waiting contacts:
 * - contacts: higher queue priority first, then the longest waiting;
 * - agents: the longest idle among those ready, skilled and with spare capacity
 *   (1 voice call plus up to maxChats chats; tickets never count).
 */

export interface RoutableAgent {
  readonly id: string;
  readonly skills: readonly string[];
  /** Chose Ready, has no offer pending and is not in after-call work. */
  readonly available: boolean;
  readonly voiceLoad: number;
  readonly chatLoad: number;
  readonly maxChats: number;
  /** Since when the agent has had nothing to do; null while busy. */
  readonly idleSince: number | null;
  /** When the agent last got a contact, to spread chats among busy agents fairly. */
  readonly lastOfferAt: number;
}

export function hasCapacity(agent: RoutableAgent, channel: Channel): boolean {
  switch (channel) {
    // One call and up to maxChats chats at the same time (DOMAIN.md: 1 call + 3 chats).
    case 'voice':
      return agent.voiceLoad === 0;
    case 'chat':
      return agent.chatLoad < agent.maxChats;
    case 'ticket':
      return true;
  }
}

/** Idle agents first, longest idle first; then the least loaded, the longest since an offer. */
function better(a: RoutableAgent, b: RoutableAgent): boolean {
  if ((a.idleSince !== null) !== (b.idleSince !== null)) return a.idleSince !== null;
  if (a.idleSince !== null && b.idleSince !== null && a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  const loadA = a.voiceLoad + a.chatLoad;
  const loadB = b.voiceLoad + b.chatLoad;
  if (loadA !== loadB) return loadA < loadB;
  if (a.lastOfferAt !== b.lastOfferAt) return a.lastOfferAt < b.lastOfferAt;
  return a.id < b.id;
}

/** The agent a contact should be offered to, or null when nobody can take it now. */
export function pickAgent(
  interaction: Pick<Interaction, 'channel'>,
  queue: Pick<Queue, 'skill'>,
  agents: Iterable<RoutableAgent>,
  exclude: ReadonlySet<string> = new Set(),
): RoutableAgent | null {
  let best: RoutableAgent | null = null;
  for (const agent of agents) {
    if (!agent.available || exclude.has(agent.id)) continue;
    if (!agent.skills.includes(queue.skill) || !hasCapacity(agent, interaction.channel)) continue;
    if (best === null || better(agent, best)) best = agent;
  }
  return best;
}

/**
 * Contacts waiting in one queue, oldest first. Arrivals append; a contact put back
 * (declined, timed out) keeps its place by its original queue time.
 */
export class WaitingLine {
  readonly #items: Interaction[] = [];

  get size(): number {
    return this.#items.length;
  }

  add(interaction: Interaction): void {
    const items = this.#items;
    if (items.length === 0 || (items.at(-1)?.queuedAt ?? 0) <= interaction.queuedAt) {
      items.push(interaction);
      return;
    }
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((items[mid]?.queuedAt ?? 0) <= interaction.queuedAt) low = mid + 1;
      else high = mid;
    }
    items.splice(low, 0, interaction);
  }

  remove(id: string): boolean {
    const index = this.#items.findIndex((item) => item.id === id);
    if (index < 0) return false;
    this.#items.splice(index, 1);
    return true;
  }

  /** The oldest contact not excluded (e.g. one this agent just let pass). */
  oldest(exclude?: (interaction: Interaction) => boolean): Interaction | undefined {
    if (!exclude) return this.#items[0];
    return this.#items.find((item) => !exclude(item));
  }

  replace(interaction: Interaction): void {
    const index = this.#items.findIndex((item) => item.id === interaction.id);
    if (index >= 0) this.#items[index] = interaction;
  }

  [Symbol.iterator](): Iterator<Interaction> {
    return this.#items[Symbol.iterator]();
  }
}

/**
 * The contact an agent who just became free should get: among the queues the agent has
 * the skill and capacity for, the highest priority, then the longest waiting.
 * `queues` must be sorted by priority, highest first.
 */
export function pickInteraction(
  agent: RoutableAgent,
  queues: readonly Queue[],
  waiting: ReadonlyMap<string, WaitingLine>,
  exclude?: (interaction: Interaction) => boolean,
): Interaction | null {
  let best: Interaction | null = null;
  let bestPriority = -1;
  for (const queue of queues) {
    if (best !== null && queue.priority < bestPriority) break;
    if (!agent.skills.includes(queue.skill) || !hasCapacity(agent, queue.channel)) continue;
    const candidate = waiting.get(queue.id)?.oldest(exclude);
    if (candidate && (best === null || candidate.queuedAt < best.queuedAt)) {
      best = candidate;
      bestPriority = queue.priority;
    }
  }
  return best;
}
