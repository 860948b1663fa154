import { z } from 'zod';
import { metricsSnapshotSchema } from '../metrics/types';

/** The wallboard's settings and its wire types (tokens, announcements, thresholds, alerts). */

/** Colours of the tiles (DOMAIN.md, "Wallboard conventions"). */
export const thresholdsSchema = z
  .strictObject({
    longestWaitWarningSeconds: z.number().int().min(1).max(3600),
    longestWaitCriticalSeconds: z.number().int().min(1).max(7200),
    /** Service level at or above this is good (0…1). */
    serviceLevelGood: z.number().min(0).max(1),
    /** …at or above this (and below good) a warning; below it bad. */
    serviceLevelWarning: z.number().min(0).max(1),
  })
  .refine((t) => t.longestWaitWarningSeconds < t.longestWaitCriticalSeconds, {
    message: 'The longest-wait warning must come before the critical value.',
  })
  .refine((t) => t.serviceLevelWarning <= t.serviceLevelGood, {
    message: 'The service-level warning must not be above the good value.',
  });
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const defaultThresholds: Thresholds = {
  longestWaitWarningSeconds: 30,
  longestWaitCriticalSeconds: 120,
  serviceLevelGood: 0.9,
  serviceLevelWarning: 0.8,
};

export type Level = 'good' | 'warning' | 'bad' | 'none';

/** A tile's level from its service level (null: nothing answered yet, so no level). */
export function serviceLevelLevel(value: number | null, t: Thresholds): Level {
  if (value === null) return 'none';
  if (value >= t.serviceLevelGood) return 'good';
  if (value >= t.serviceLevelWarning) return 'warning';
  return 'bad';
}

/** A tile's level from its longest wait. */
export function longestWaitLevel(ms: number, t: Thresholds): Level {
  if (ms >= t.longestWaitCriticalSeconds * 1000) return 'bad';
  if (ms >= t.longestWaitWarningSeconds * 1000) return 'warning';
  return 'good';
}

/** The worse of two levels ('none', no figure yet, is the mildest). */
export function worstLevel(a: Level, b: Level): Level {
  const rank = { none: 0, good: 1, warning: 2, bad: 3 } as const;
  return rank[a] >= rank[b] ? a : b;
}

export const announcementKinds = ['notice', 'kudos'] as const;
export const announcementSchema = z.object({
  id: z.string(),
  /** notice: 班前会 and the day's notices; kudos: praise for a colleague. */
  kind: z.enum(announcementKinds),
  text: z.string().max(280),
  active: z.boolean(),
  author: z.string().max(200),
  updatedAt: z.number(),
});
export type Announcement = z.infer<typeof announcementSchema>;

export const tokenInfoSchema = z.object({
  id: z.string(),
  /** Where it is used, e.g. "TV by the door". */
  name: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;

export const alertKinds = ['service_level', 'longest_wait'] as const;
export const alertSchema = z.object({
  id: z.string(),
  at: z.number(),
  queueId: z.string(),
  queueName: z.string(),
  kind: z.enum(alertKinds),
  /** Service level 0…1, or the longest wait in ms. */
  value: z.number(),
  /** The queue's target (0…1), or the critical wait in ms. */
  threshold: z.number(),
});
export type Alert = z.infer<typeof alertSchema>;

export const wallboardSnapshotSchema = z.object({
  /** Grows with every snapshot the service builds. */
  rev: z.number().int().nonnegative(),
  /** The server's clock when built: screens correct their own clock by it. */
  serverTime: z.number(),
  metrics: metricsSnapshotSchema,
  thresholds: thresholdsSchema,
  /** Active announcements, oldest first. */
  announcements: z.array(announcementSchema),
  /** The newest alerts, newest first. */
  alerts: z.array(alertSchema),
});
export type WallboardSnapshot = z.infer<typeof wallboardSnapshotSchema>;
