import { describe, expect, it } from 'vitest';
import type { ServiceLevel } from '../center/types';
import {
  abandonRate,
  averageHandleTime,
  averageSpeedOfAnswer,
  emptyCounts,
  isShortAbandon,
  occupancy,
  serviceLevel,
  withinThreshold,
  type WindowCounts,
} from './formulas';

const sl = (variant: ServiceLevel['variant']): ServiceLevel => ({
  thresholdSeconds: 20,
  target: 0.8,
  variant,
  shortAbandonSeconds: 5,
});

// 3 answered (2 within 20 s), 3 abandoned (2 within 20 s, 1 of them short), 6 offered.
const counts: WindowCounts = {
  ...emptyCounts(),
  offered: 6,
  answered: 3,
  answeredWithin: 2,
  answerWaitMs: 60_000,
  abandoned: 3,
  abandonedWithin: 2,
  shortAbandoned: 1,
  handled: 3,
  handleMs: 390_000,
};

describe('queue formulas', () => {
  it('service level by variant', () => {
    expect(serviceLevel(counts, sl('answered'))).toBeCloseTo(2 / 3);
    expect(serviceLevel(counts, sl('answered_and_abandoned'))).toBeCloseTo(4 / 6);
    expect(serviceLevel(counts, sl('excluding_short_abandons'))).toBeCloseTo(2 / 5);
  });

  it('abandon rate excludes short abandons only where the queue does', () => {
    expect(abandonRate(counts, sl('answered'))).toBeCloseTo(0.5);
    expect(abandonRate(counts, sl('excluding_short_abandons'))).toBeCloseTo(2 / 5);
  });

  it('ASA and AHT are arithmetic means', () => {
    expect(averageSpeedOfAnswer(counts)).toBe(20_000);
    expect(averageHandleTime(counts.handleMs, counts.handled)).toBe(130_000);
  });

  it('an empty window has no figures, not zeros', () => {
    const empty = emptyCounts();
    for (const variant of ['answered', 'answered_and_abandoned', 'excluding_short_abandons'] as const) {
      expect(serviceLevel(empty, sl(variant))).toBeNull();
      expect(abandonRate(empty, sl(variant))).toBeNull();
    }
    expect(averageSpeedOfAnswer(empty)).toBeNull();
    expect(averageHandleTime(0, 0)).toBeNull();
    expect(occupancy(0, 0)).toBeNull();
  });

  it('only short abandons: excluding them leaves nothing to measure', () => {
    const onlyShort = { ...emptyCounts(), offered: 2, abandoned: 2, abandonedWithin: 2, shortAbandoned: 2 };
    expect(serviceLevel(onlyShort, sl('excluding_short_abandons'))).toBeNull();
    expect(serviceLevel(onlyShort, sl('answered_and_abandoned'))).toBe(1);
    expect(abandonRate(onlyShort, sl('excluding_short_abandons'))).toBeNull();
  });

  it('thresholds: T is inclusive, the short-abandon cutoff exclusive', () => {
    expect(withinThreshold(20_000, sl('answered'))).toBe(true);
    expect(withinThreshold(20_001, sl('answered'))).toBe(false);
    expect(isShortAbandon(4_999, sl('answered'))).toBe(true);
    expect(isShortAbandon(5_000, sl('answered'))).toBe(false);
  });

  it('occupancy = handle / (handle + idle)', () => {
    expect(occupancy(320_000, 880_000)).toBeCloseTo(320 / 1200);
    expect(occupancy(0, 600_000)).toBe(0);
  });
});
