import type { ServiceLevel } from '../center/types';

/**
 * Every queue and agent formula of the wallboard, each written once with its definition
 * (DOMAIN.md, "Queue metrics"). They work on counts gathered over one window; the engine
 * (./engine.ts) gathers them. A formula whose denominator is zero answers null: "—" on
 * screen, never a made-up 0 % or 100 %.
 */

/** What one window (today, the rolling 30 minutes, one 15-minute interval) gathered for a queue. */
export interface WindowCounts {
  /** Contacts that entered the queue in the window (created there, or transferred in from another queue). */
  offered: number;
  /** Contacts answered in the window (the first accept of their stay in the queue). */
  answered: number;
  /** …of which answered within the queue's service-level threshold T (wait ≤ T). */
  answeredWithin: number;
  /** Summed waits of the answered contacts, in ms (queue entry to accept, even if entry was before the window). */
  answerWaitMs: number;
  /** Contacts whose customer gave up, unanswered, in the window. */
  abandoned: number;
  /** …of which abandoned within T (wait ≤ T). */
  abandonedWithin: number;
  /** …of which abandoned sooner than the queue's short-abandon cutoff (wait < cutoff). */
  shortAbandoned: number;
  /** Contacts whose after-call work finished in the window. */
  handled: number;
  /** Their talk + hold + after-call work, in ms. */
  handleMs: number;
}

export function emptyCounts(): WindowCounts {
  return {
    offered: 0,
    answered: 0,
    answeredWithin: 0,
    answerWaitMs: 0,
    abandoned: 0,
    abandonedWithin: 0,
    shortAbandoned: 0,
    handled: 0,
    handleMs: 0,
  };
}

/** n / d, or null when nothing was counted. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Answered within the threshold T: wait ≤ T seconds. */
export function withinThreshold(waitMs: number, sl: ServiceLevel): boolean {
  return waitMs <= sl.thresholdSeconds * 1000;
}

/** A short abandon: the customer hung up sooner than the cutoff (wait < cutoff seconds). */
export function isShortAbandon(waitMs: number, sl: ServiceLevel): boolean {
  return waitMs < sl.shortAbandonSeconds * 1000;
}

/**
 * Service level (服务水平), as numerator and denominator so queues can be summed:
 * - `answered`: answered within T / answered (Asterisk ServicelevelPerf);
 * - `answered_and_abandoned`: (answered within T + abandoned within T) / (answered + abandoned)
 *   (Asterisk ServicelevelPerf2);
 * - `excluding_short_abandons`: answered within T / (answered + abandoned − short abandons) (Genesys).
 */
export function serviceLevelParts(c: WindowCounts, sl: ServiceLevel): { numerator: number; denominator: number } {
  switch (sl.variant) {
    case 'answered':
      return { numerator: c.answeredWithin, denominator: c.answered };
    case 'answered_and_abandoned':
      return { numerator: c.answeredWithin + c.abandonedWithin, denominator: c.answered + c.abandoned };
    case 'excluding_short_abandons':
      return { numerator: c.answeredWithin, denominator: c.answered + c.abandoned - c.shortAbandoned };
  }
}

/** Service level as a share 0…1 (see serviceLevelParts), null over an empty window. */
export function serviceLevel(c: WindowCounts, sl: ServiceLevel): number | null {
  const { numerator, denominator } = serviceLevelParts(c, sl);
  return ratio(numerator, denominator);
}

/**
 * Abandon rate (放弃率) = abandoned / offered. Queues that exclude short abandons from their
 * service level exclude them here too: (abandoned − short) / (offered − short).
 * Offered counts entries in the window and abandoned counts outcomes in it, so near the
 * window's start a contact that entered before it may abandon inside it.
 */
export function abandonRate(c: WindowCounts, sl: ServiceLevel): number | null {
  const short = sl.variant === 'excluding_short_abandons' ? c.shortAbandoned : 0;
  return ratio(c.abandoned - short, c.offered - short);
}

/** ASA (平均应答速度) = total wait of answered contacts / answered, in ms. */
export function averageSpeedOfAnswer(c: WindowCounts): number | null {
  return ratio(c.answerWaitMs, c.answered);
}

/**
 * AHT (平均处理时长) = (talk + hold + after-call work) / handled, in ms: the arithmetic mean
 * over the window, not a moving average (Asterisk's Holdtime is (3·old + new)/4; this is not).
 */
export function averageHandleTime(handleMs: number, handled: number): number | null {
  return ratio(handleMs, handled);
}

/**
 * Occupancy = handle time / (handle time + ready idle time). Handle time is time on contact or in
 * after-call work; ready idle is time ready or being offered a contact; Not ready and offline are
 * left out of both.
 */
export function occupancy(handleMs: number, idleMs: number): number | null {
  return ratio(handleMs, handleMs + idleMs);
}

/** Adds b into a (used to sum queues into the floor's total). */
export function addCounts(a: WindowCounts, b: WindowCounts): void {
  a.offered += b.offered;
  a.answered += b.answered;
  a.answeredWithin += b.answeredWithin;
  a.answerWaitMs += b.answerWaitMs;
  a.abandoned += b.abandoned;
  a.abandonedWithin += b.abandonedWithin;
  a.shortAbandoned += b.shortAbandoned;
  a.handled += b.handled;
  a.handleMs += b.handleMs;
}
