import { z } from 'zod';
import { channels, serviceLevelVariants } from '../center/types';
import { agentStates } from '../domain/status';

/** What the metric engine answers (./engine.ts); the wallboard contract sends these as they are. */

const count = z.number().int().nonnegative();
// No upper bound: near a window's start, outcomes of contacts that entered before it may outnumber its entries.
const share = z.number().min(0).nullable();
const ms = z.number().nonnegative().nullable();

/** One window's figures for a queue, or for the whole floor. Null: nothing to compute from. */
export const windowMetricsSchema = z.object({
  offered: count,
  answered: count,
  abandoned: count,
  shortAbandoned: count,
  handled: count,
  /** 0…1, by the queue's variant. */
  serviceLevel: share,
  abandonRate: share,
  asaMs: ms,
  ahtMs: ms,
});
export type WindowMetrics = z.infer<typeof windowMetricsSchema>;

export const agentCountsSchema = z.object({
  ready: count,
  offered: count,
  onContact: count,
  acw: count,
  notReady: count,
  offline: count,
});
export type AgentCounts = z.infer<typeof agentCountsSchema>;

export const queueMetricsSchema = z.object({
  queueId: z.string(),
  name: z.string(),
  channel: z.enum(channels),
  serviceLevel: z.object({
    thresholdSeconds: z.number(),
    target: z.number(),
    variant: z.enum(serviceLevelVariants),
    shortAbandonSeconds: z.number(),
  }),
  /** Contacts waiting or ringing at an agent, not yet answered. */
  waiting: count,
  /** Age of the oldest of them, ms (0 when none wait). */
  longestWaitMs: z.number().nonnegative(),
  /** Since when the oldest waits (null when none), so screens can tick it locally. */
  oldestWaitingSince: z.number().nullable(),
  /** Agents with the queue's skill, by state. */
  agents: agentCountsSchema,
  today: windowMetricsSchema,
  rolling: windowMetricsSchema,
});
export type QueueMetrics = z.infer<typeof queueMetricsSchema>;

export const agentMetricsSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  state: z.enum(agentStates),
  reason: z.string().nullable(),
  /** When the state began (time in state ticks from here). */
  since: z.number(),
  /** The contact ringing or in progress (the newest), or in after-call work. */
  currentInteractionId: z.string().nullable(),
  currentQueueId: z.string().nullable(),
  handledToday: count,
  ahtMs: ms,
  occupancy: share,
});
export type AgentMetrics = z.infer<typeof agentMetricsSchema>;

export const intervalMetricsSchema = z.object({
  /** The interval's first instant; it lasts 15 minutes. */
  start: z.number(),
  offered: count,
  answered: count,
  abandoned: count,
  serviceLevel: share,
});
export type IntervalMetrics = z.infer<typeof intervalMetricsSchema>;

export const metricsSnapshotSchema = z.object({
  at: z.number(),
  dayStart: z.number(),
  timeZone: z.string(),
  queues: z.array(queueMetricsSchema),
  /** All queues together (service level summed by each queue's own variant). */
  total: z.object({
    waiting: count,
    longestWaitMs: z.number().nonnegative(),
    today: windowMetricsSchema,
    rolling: windowMetricsSchema,
  }),
  agents: z.array(agentMetricsSchema),
  /** Today's 15-minute intervals so far, floor-wide. */
  intervals: z.array(intervalMetricsSchema),
  /** The last event folded in. */
  lastSeq: z.number().int(),
});
export type MetricsSnapshot = z.infer<typeof metricsSnapshotSchema>;
