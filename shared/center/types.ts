import { z } from 'zod';
import { agentStates } from '../domain/status';

/**
 * The contact center's domain: queues, agents, interactions (calls and chats), messages,
 * tickets, follow-ups and customers. Times are epoch milliseconds; the UI ticks timers
 * locally from them. Ids are opaque strings.
 */

export const channels = ['voice', 'chat', 'ticket'] as const;
export type Channel = (typeof channels)[number];

const id = z.string().min(1).max(100);
const shortText = z.string().trim().max(200);

/** Service-level variants (DOMAIN.md): how abandoned contacts count. */
export const serviceLevelVariants = [
  /** answered within T / answered */
  'answered',
  /** (answered within T + abandoned within T) / (answered + abandoned) */
  'answered_and_abandoned',
  /** answered within T / (answered + abandoned − short abandons) */
  'excluding_short_abandons',
] as const;

export const serviceLevelSchema = z.object({
  thresholdSeconds: z.number().int().min(1).max(3600),
  /** The target share answered within the threshold, 0…1 (0.8 for "80/20"). */
  target: z.number().min(0).max(1),
  variant: z.enum(serviceLevelVariants),
  /** Contacts abandoned sooner than this are short abandons. */
  shortAbandonSeconds: z.number().int().min(0).max(120),
});
export type ServiceLevel = z.infer<typeof serviceLevelSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
/** Opening hours per weekday (0 = Sunday), in the queue's time zone; null = closed that day. */
export const businessHoursSchema = z.object({
  timeZone: z.string().min(1).max(64),
  days: z.array(z.object({ open: clock, close: clock }).nullable()).length(7),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const queueSchema = z.object({
  id,
  name: shortText.min(1),
  channel: z.enum(channels),
  /** Higher is served first. */
  priority: z.number().int().min(0).max(100),
  /** Agents need this skill to be offered the queue's contacts. */
  skill: id,
  serviceLevel: serviceLevelSchema,
  businessHours: businessHoursSchema,
  dispositions: z.array(shortText.min(1)).max(50),
  dispositionRequired: z.boolean(),
  /** After-call work granted per contact; the agent may extend it. */
  acwSeconds: z.number().int().min(0).max(3600),
  /** How long an offer waits for Accept before it goes to the next agent. */
  offerTimeoutSeconds: z.number().int().min(3).max(300),
});
export type Queue = z.infer<typeof queueSchema>;

export const agentSchema = z.object({
  id,
  name: shortText.min(1),
  skills: z.array(id).max(100),
  /** Chats at once on top of one voice call (DOMAIN.md: typically 1 call + 3 chats). */
  maxChats: z.number().int().min(0).max(10),
  state: z.enum(agentStates),
  /** Not-ready reason code, e.g. "break"; "missed" after too many missed offers. */
  reason: z.string().max(64).nullable(),
  since: z.number(),
  /** Since when the agent has been ready with nothing to do: routing prefers the longest idle. */
  idleSince: z.number().nullable(),
  missedInRow: z.number().int().nonnegative(),
});
export type Agent = z.infer<typeof agentSchema>;

export const interactionStates = ['waiting', 'offered', 'active', 'wrap', 'ended', 'abandoned'] as const;
export type InteractionState = (typeof interactionStates)[number];

export const interactionSchema = z.object({
  id,
  channel: z.enum(['voice', 'chat']),
  queueId: id,
  customerId: id.nullable(),
  /** Who the customer says they are (chat) or the caller's name/number (voice). */
  customerName: z.string().max(200),
  /** The phone number or chat identity (e-mail, WeChat id) the contact came from. */
  contact: z.string().max(200),
  subject: z.string().max(500),
  state: z.enum(interactionStates),
  agentId: id.nullable(),
  /** The agent it is offered to right now, and until when. */
  offeredTo: id.nullable(),
  offerExpiresAt: z.number().nullable(),
  /** Agents who let an offer pass; routing does not offer it to them again. */
  declinedBy: z.array(id),
  createdAt: z.number(),
  /** When it (last) entered its queue: waiting time counts from here. */
  queuedAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  wrapEndsAt: z.number().nullable(),
  disposition: z.string().max(200).nullable(),
  wrapNotes: z.string().max(4000),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  ticketId: id.nullable(),
  /** Customer messages the agent has not read. */
  unread: z.number().int().nonnegative(),
  /** The customer's latest message, for knowledge-base suggestions. */
  lastCustomerText: z.string().max(2000).nullable(),
  /** A customer message still waiting for the agent's reply, since when (the chat's SLA clock). */
  awaitingReplySince: z.number().nullable(),
  customerTyping: z.boolean(),
  /** The softphone line carrying a voice interaction. */
  lineId: z.string().max(100).nullable(),
  transferNote: z.string().max(1000).nullable(),
});
export type Interaction = z.infer<typeof interactionSchema>;

export const messageAuthors = ['customer', 'agent', 'system', 'note'] as const;
export const attachmentSchema = z.object({
  id,
  name: z.string().max(200),
  mime: z.string().max(100),
  size: z.number().int().nonnegative(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const messageSchema = z.object({
  id,
  interactionId: id,
  /** Order within the conversation. */
  seq: z.number().int().nonnegative(),
  /** `note` is internal: never shown to the customer. */
  author: z.enum(messageAuthors),
  authorName: z.string().max(200),
  text: z.string().max(4000),
  attachment: attachmentSchema.nullable(),
  at: z.number(),
  delivery: z.enum(['sent', 'delivered', 'read']),
});
export type Message = z.infer<typeof messageSchema>;

export const ticketStatuses = ['new', 'open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

export const followUpSchema = z.object({
  id,
  ticketId: id,
  customerId: id.nullable(),
  customerName: z.string().max(200),
  phone: z.string().max(64),
  dueAt: z.number(),
  assigneeId: id,
  state: z.enum(['scheduled', 'done']),
  outcome: z
    .object({
      reached: z.boolean(),
      /** 满意度 1…5, when the customer gave one. */
      satisfaction: z.number().int().min(1).max(5).nullable(),
      notes: z.string().max(4000),
    })
    .nullable(),
  doneAt: z.number().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const ticketSchema = z.object({
  id,
  /** The number people quote on the phone: #1024. */
  number: z.number().int().positive(),
  subject: z.string().max(300),
  description: z.string().max(20_000),
  requesterId: id.nullable(),
  requesterName: z.string().max(200),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  queueId: id.nullable(),
  assigneeId: id.nullable(),
  /** From the SLA for its priority; pending tickets keep theirs. */
  dueAt: z.number(),
  tags: z.array(z.string().max(64)).max(30),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Escalated to a supervisor (向领导汇报), with the note. */
  escalation: z.object({ at: z.number(), note: z.string().max(2000), by: z.string().max(200) }).nullable(),
  interactionIds: z.array(id),
  recordingIds: z.array(id),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketCommentSchema = z.object({
  id,
  ticketId: id,
  authorName: z.string().max(200),
  /** Public comments reach the customer; internal ones stay with the team. */
  public: z.boolean(),
  text: z.string().max(20_000),
  attachment: attachmentSchema.nullable(),
  at: z.number(),
});
export type TicketComment = z.infer<typeof ticketCommentSchema>;

export const vipTiers = ['none', 'silver', 'gold', 'platinum'] as const;
export const customerSchema = z.object({
  id,
  name: z.string().max(200),
  phones: z.array(z.string().max(64)).max(10),
  email: z.string().max(200),
  /** The identity a chat comes with (e-mail, WeChat id): the screen pop matches on it. */
  chatIdentity: z.string().max(200).nullable(),
  vip: z.enum(vipTiers),
  tags: z.array(z.string().max(64)).max(30),
  notes: z.string().max(4000),
  createdAt: z.number(),
});
export type Customer = z.infer<typeof customerSchema>;

export const cannedReplySchema = z.object({
  id,
  title: z.string().max(200),
  /** May use {customer.name}, {agent.name}, {ticket.number}, {queue.name}. */
  text: z.string().max(4000),
  /** Null: every queue. */
  queueId: id.nullable(),
  locale: z.string().max(10),
});
export type CannedReply = z.infer<typeof cannedReplySchema>;

/** Not-ready reasons the local center offers. "missed" is set by routing, never chosen. */
export const notReadyReasons = ['break', 'lunch', 'meeting', 'training', 'coaching', 'missed'] as const;

/**
 * One line of the center's append-only event log. The wallboard's metrics are computed
 * from these (shared/, pure), so every state change that a metric needs is logged.
 */
export const centerEventTypes = [
  'interaction.created',
  'interaction.offered',
  'interaction.declined',
  'interaction.offer_timeout',
  'interaction.accepted',
  'interaction.transferred',
  'interaction.abandoned',
  'interaction.ended',
  'interaction.wrapped',
  'agent.state',
] as const;
export type CenterEventType = (typeof centerEventTypes)[number];

export const centerEventSchema = z.object({
  seq: z.number().int().nonnegative(),
  at: z.number(),
  type: z.enum(centerEventTypes),
  interactionId: id.nullable(),
  agentId: id.nullable(),
  queueId: id.nullable(),
  /** Type-specific detail: the new state and reason, a disposition, a transfer target. */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type CenterEvent = z.infer<typeof centerEventSchema>;
