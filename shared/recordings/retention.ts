import { z } from 'zod';

/**
 * Retention classes: how long a recording is kept. A class matches recordings by queue,
 * direction, disposition or tag (every field given must match; none given matches all).
 * When several classes match, the longest wins (`days: null` means keep forever, longer than
 * any number). Legal hold overrides everything: a held recording never expires.
 * With no class at all nothing expires: deleting recordings needs a decision someone made.
 */
export const retentionClassSchema = z.strictObject({
  name: z.string().trim().min(1).max(64),
  /** Days after the start of the call; null keeps forever. */
  days: z.number().int().min(1).max(36_500).nullable(),
  match: z
    .strictObject({
      queueId: z.string().min(1).max(100).optional(),
      direction: z.enum(['inbound', 'outbound', 'internal', 'unknown']).optional(),
      disposition: z.string().min(1).max(100).optional(),
      tag: z.strictObject({ key: z.string().min(1).max(64), value: z.string().max(200).optional() }).optional(),
    })
    .default({}),
});
export type RetentionClass = z.infer<typeof retentionClassSchema>;

export const retentionPolicySchema = z.strictObject({
  classes: z.array(retentionClassSchema).max(100),
});
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

export interface RetentionSubject {
  readonly queueId: string | null;
  readonly direction: string;
  readonly disposition: string | null;
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

export function classMatches(cls: RetentionClass, subject: RetentionSubject): boolean {
  const m = cls.match;
  if (m.queueId !== undefined && m.queueId !== subject.queueId) return false;
  if (m.direction !== undefined && m.direction !== subject.direction) return false;
  if (m.disposition !== undefined && m.disposition !== subject.disposition) return false;
  if (m.tag !== undefined) {
    const tag = m.tag;
    if (!subject.tags.some((t) => t.key === tag.key && (tag.value === undefined || t.value === tag.value)))
      return false;
  }
  return true;
}

export interface RetentionDecision {
  /** The winning class, or null when none matches (kept until a policy says otherwise). */
  readonly className: string | null;
  /** null: keep forever. */
  readonly days: number | null;
}

/** The longest of the matching classes (ties: the first listed). */
export function resolveRetention(policy: RetentionPolicy, subject: RetentionSubject): RetentionDecision {
  let best: RetentionClass | undefined;
  for (const cls of policy.classes) {
    if (!classMatches(cls, subject)) continue;
    if (best === undefined || longer(cls.days, best.days)) best = cls;
  }
  return best ? { className: best.name, days: best.days } : { className: null, days: null };
}

const longer = (a: number | null, b: number | null): boolean => (a === null ? b !== null : b !== null && a > b);

const dayMs = 86_400_000;

/** When the recording may be purged (epoch ms), or null for never. Legal hold always wins. */
export function expiresAt(decision: RetentionDecision, startedAt: number, legalHold: boolean): number | null {
  if (legalHold || decision.days === null) return null;
  return startedAt + decision.days * dayMs;
}
