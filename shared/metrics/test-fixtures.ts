import type { CenterEvent, Queue, ServiceLevel } from '../center/types';

/** Builders for hand-written event sequences (tests and the benchmark). */

export function testQueue(
  id: string,
  serviceLevel: Partial<ServiceLevel> = {},
  skill = id,
  timeZone = 'Asia/Shanghai',
): Queue {
  return {
    id,
    name: id.toUpperCase(),
    channel: 'voice',
    priority: 0,
    skill,
    serviceLevel: { thresholdSeconds: 20, target: 0.8, variant: 'answered', shortAbandonSeconds: 5, ...serviceLevel },
    businessHours: { timeZone, days: [null, null, null, null, null, null, null] },
    dispositions: [],
    dispositionRequired: false,
    acwSeconds: 30,
    offerTimeoutSeconds: 15,
  };
}

/** Appends events with increasing seq. */
export class EventScript {
  readonly events: CenterEvent[] = [];
  #seq = 0;

  add(at: number, type: CenterEvent['type'], fields: Partial<Omit<CenterEvent, 'seq' | 'at' | 'type'>> = {}): this {
    this.#seq += 1;
    this.events.push({
      seq: this.#seq,
      at,
      type,
      interactionId: fields.interactionId ?? null,
      agentId: fields.agentId ?? null,
      queueId: fields.queueId ?? null,
      data: fields.data ?? {},
    });
    return this;
  }

  /** created → offered → accepted after waitMs → ended after talkMs → wrapped after acwMs. */
  handled(
    id: string,
    queueId: string,
    agentId: string,
    at: number,
    waitMs: number,
    talkMs: number,
    acwMs: number,
  ): this {
    this.add(at, 'interaction.created', { interactionId: id, queueId, data: { channel: 'voice' } });
    this.add(at, 'interaction.offered', { interactionId: id, agentId, queueId });
    this.add(at + waitMs, 'interaction.accepted', { interactionId: id, agentId, queueId, data: { waitMs } });
    this.add(at + waitMs + talkMs, 'interaction.ended', {
      interactionId: id,
      agentId,
      queueId,
      data: { by: 'customer', talkMs },
    });
    this.add(at + waitMs + talkMs + acwMs, 'interaction.wrapped', {
      interactionId: id,
      agentId,
      queueId,
      data: { disposition: null, acwMs, automatic: false, satisfaction: null },
    });
    return this;
  }

  /** created, then abandoned after waitMs. */
  abandoned(id: string, queueId: string, at: number, waitMs: number): this {
    this.add(at, 'interaction.created', { interactionId: id, queueId, data: { channel: 'voice' } });
    this.add(at + waitMs, 'interaction.abandoned', { interactionId: id, queueId, data: { waitMs } });
    return this;
  }

  /** The events in time order (stable), renumbered: the log's order. */
  sorted(): CenterEvent[] {
    return [...this.events].sort((a, b) => a.at - b.at || a.seq - b.seq).map((e, i) => ({ ...e, seq: i + 1 }));
  }

  state(at: number, agentId: string, state: string, reason: string | null = null): this {
    return this.add(at, 'agent.state', { agentId, data: { state, reason } });
  }
}
