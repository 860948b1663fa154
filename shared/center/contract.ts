import { z } from 'zod';
import { done, method, noArgs } from '../api/method';
import { callHistoryItemSchema } from '../softphone/types';
import {
  agentSchema,
  cannedReplySchema,
  customerSchema,
  followUpSchema,
  interactionSchema,
  messageSchema,
  notReadyReasons,
  queueSchema,
  ticketCommentSchema,
  ticketPriorities,
  ticketSchema,
  ticketStatuses,
  vipTiers,
} from './types';

/**
 * The center area's part of the API contract; shared/api/contract.ts spreads it in.
 * Names go in ./names.ts too (the Electron preload reads names without zod).
 *
 * Everything here is asynchronous and event-driven on purpose: the embedded center runs
 * in-process today, a shared center (PostgreSQL) may answer tomorrow, and nothing above
 * this contract can tell the difference.
 */

const ref = z.string().min(1).max(100);
const interactionRef = z.strictObject({ interactionId: ref });
const text = (max: number) => z.string().max(max);

/** An attachment as the renderer sends it: the bytes in base64 (limits in ./limits.ts). */
export const attachmentUploadSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  mime: z.string().min(1).max(100),
  dataBase64: z.string().max(14_000_000),
});

export const centerSnapshotSchema = z.object({
  /** The agent signed in at this workstation. */
  me: agentSchema,
  queues: z.array(queueSchema),
  /** Everything on this agent's plate: offered, active and wrap-up contacts. */
  interactions: z.array(interactionSchema),
  /** This agent's open tickets. */
  tickets: z.array(ticketSchema),
  /** This agent's scheduled follow-ups (the queue shows them once due). */
  followUps: z.array(followUpSchema),
  /** Agents this one may transfer to. */
  colleagues: z.array(agentSchema.pick({ id: true, name: true, state: true })),
  notReadyReasons: z.array(z.string()),
  training: z.object({ active: z.boolean() }),
  /** Missed offers in a row that make the agent Not ready. */
  missedOffersLimit: z.number().int().positive(),
});
export type CenterSnapshot = z.infer<typeof centerSnapshotSchema>;

const messagesCursor = z.strictObject({ seq: z.number().int().nonnegative() });

export const customerHistorySchema = z.object({
  customer: customerSchema,
  calls: z.array(callHistoryItemSchema),
  interactions: z.array(interactionSchema),
  tickets: z.array(ticketSchema),
});
export type CustomerHistory = z.infer<typeof customerHistorySchema>;

const customerInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  phones: z.array(z.string().trim().min(3).max(64)).max(10).default([]),
  email: z.string().trim().max(200).default(''),
  chatIdentity: z.string().trim().max(200).nullable().default(null),
  vip: z.enum(vipTiers).default('none'),
  tags: z.array(z.string().trim().min(1).max(64)).max(30).default([]),
  notes: z.string().max(4000).default(''),
});

const ticketCursor = z.strictObject({ updatedAt: z.number(), id: ref });

export const centerMethods = {
  'center.getSnapshot': method({ request: noArgs, response: centerSnapshotSchema, mutates: false }),
  /** Ready, Not ready (with a reason) or offline. Offered / on contact / ACW are set by the center. */
  'center.setState': method({
    request: z.discriminatedUnion('state', [
      z.strictObject({ state: z.literal('ready') }),
      z.strictObject({ state: z.literal('not_ready'), reason: z.enum(notReadyReasons).exclude(['missed']) }),
      z.strictObject({ state: z.literal('offline') }),
    ]),
    response: agentSchema,
    mutates: true,
  }),
  'center.accept': method({ request: interactionRef, response: interactionSchema, mutates: true }),
  'center.decline': method({ request: interactionRef, response: done, mutates: true }),
  /** Ends a chat (the customer is told) or marks a call ended: after-call work starts. */
  'center.end': method({ request: interactionRef, response: interactionSchema, mutates: true }),
  'center.extendWrap': method({
    request: interactionRef.extend({ seconds: z.number().int().min(10).max(1800) }),
    response: interactionSchema,
    mutates: true,
  }),
  /** Finishes after-call work: disposition (required where the queue says), notes, ticket, satisfaction. */
  'center.wrapUp': method({
    request: interactionRef.extend({
      disposition: z.string().trim().max(200).nullable(),
      notes: text(4000).default(''),
      ticketId: ref.nullable().default(null),
      /** For a call: the result read from the SIP header or entered by hand. */
      satisfaction: z.number().int().min(1).max(5).nullable().default(null),
    }),
    response: interactionSchema,
    mutates: true,
  }),
  'center.transfer': method({
    request: z.union([
      interactionRef.extend({ queueId: ref, note: text(1000).default('') }),
      interactionRef.extend({ agentId: ref, note: text(1000).default('') }),
    ]),
    response: done,
    mutates: true,
  }),
  'center.setTraining': method({
    request: z.strictObject({ active: z.boolean() }),
    response: z.object({ active: z.boolean() }),
    mutates: true,
  }),

  'chat.messages': method({
    request: interactionRef.extend({
      before: messagesCursor.optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    response: z.object({ messages: z.array(messageSchema), more: z.boolean() }),
    mutates: false,
  }),
  'chat.send': method({
    request: interactionRef.extend({
      text: z.string().max(4000),
      attachment: attachmentUploadSchema.optional(),
      /** Client-made id so a retried send after a reconnect is not posted twice. */
      clientId: z.string().min(1).max(100),
    }),
    response: messageSchema,
    mutates: true,
  }),
  /** An internal note in the conversation: never shown to the customer. */
  'chat.note': method({
    request: interactionRef.extend({ text: z.string().trim().min(1).max(4000) }),
    response: messageSchema,
    mutates: true,
  }),
  'chat.typing': method({ request: interactionRef.extend({ typing: z.boolean() }), response: done, mutates: true }),
  'chat.markRead': method({ request: interactionRef, response: done, mutates: true }),
  'chat.cannedReplies': method({
    request: z.strictObject({ queueId: ref.optional(), search: text(100).optional() }),
    response: z.array(cannedReplySchema),
    mutates: false,
  }),
  /** The bytes of an attachment, for download or preview. */
  'chat.attachment': method({
    request: z.strictObject({ attachmentId: ref }),
    response: z.object({ name: z.string(), mime: z.string(), dataBase64: z.string() }),
    mutates: false,
  }),

  'tickets.create': method({
    request: z.strictObject({
      subject: z.string().trim().min(1).max(300),
      description: text(20_000).default(''),
      requesterId: ref.nullable().default(null),
      priority: z.enum(ticketPriorities).default('normal'),
      queueId: ref.nullable().default(null),
      tags: z.array(z.string().trim().min(1).max(64)).max(30).default([]),
      /** The call or chat it comes from: linked both ways, the requester taken from it. */
      fromInteractionId: ref.optional(),
    }),
    response: ticketSchema,
    mutates: true,
  }),
  'tickets.get': method({
    request: z.strictObject({ ticketId: ref }),
    response: z.object({ ticket: ticketSchema, comments: z.array(ticketCommentSchema) }),
    mutates: false,
  }),
  'tickets.list': method({
    request: z.strictObject({
      status: z.enum(ticketStatuses).optional(),
      mine: z.boolean().default(false),
      text: text(100).optional(),
      before: ticketCursor.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ tickets: z.array(ticketSchema), next: ticketCursor.nullable() }),
    mutates: false,
  }),
  'tickets.update': method({
    request: z.strictObject({
      ticketId: ref,
      subject: z.string().trim().min(1).max(300).optional(),
      description: text(20_000).optional(),
      status: z.enum(ticketStatuses).optional(),
      priority: z.enum(ticketPriorities).optional(),
      queueId: ref.nullable().optional(),
      assigneeId: ref.nullable().optional(),
      tags: z.array(z.string().trim().min(1).max(64)).max(30).optional(),
    }),
    response: ticketSchema,
    mutates: true,
  }),
  'tickets.comment': method({
    request: z.strictObject({
      ticketId: ref,
      text: z.string().trim().min(1).max(20_000),
      public: z.boolean(),
      attachment: attachmentUploadSchema.optional(),
    }),
    response: ticketCommentSchema,
    mutates: true,
  }),
  /** 向领导汇报: hands the ticket to a supervisor's attention with a note. */
  'tickets.escalate': method({
    request: z.strictObject({ ticketId: ref, note: z.string().trim().min(1).max(2000) }),
    response: ticketSchema,
    mutates: true,
  }),
  /** Solves the ticket; optionally schedules the follow-up call (回访) that closes the loop. */
  'tickets.solve': method({
    request: z.strictObject({
      ticketId: ref,
      comment: text(20_000).optional(),
      followUp: z.strictObject({ dueAt: z.number(), phone: z.string().trim().min(3).max(64).optional() }).optional(),
    }),
    response: z.object({ ticket: ticketSchema, followUp: followUpSchema.nullable() }),
    mutates: true,
  }),
  /** The follow-up call's record form; closes the ticket. */
  'followUps.complete': method({
    request: z.strictObject({
      followUpId: ref,
      reached: z.boolean(),
      satisfaction: z.number().int().min(1).max(5).nullable(),
      notes: text(4000).default(''),
    }),
    response: followUpSchema,
    mutates: true,
  }),

  'customers.get': method({
    request: z.strictObject({ customerId: ref }),
    response: customerHistorySchema,
    mutates: false,
  }),
  /** By phone number (trailing digits match), chat identity, or name. */
  'customers.find': method({
    request: z.strictObject({ query: z.string().trim().min(1).max(200) }),
    response: z.array(customerSchema),
    mutates: false,
  }),
  'customers.create': method({
    request: customerInput.extend({ linkInteractionId: ref.optional() }),
    response: customerSchema,
    mutates: true,
  }),
  'customers.update': method({
    request: customerInput.partial().extend({ customerId: ref }),
    response: customerSchema,
    mutates: true,
  }),
  /** Links an unknown caller or chatter to an existing customer (two clicks). */
  'customers.link': method({
    request: interactionRef.extend({ customerId: ref }),
    response: interactionSchema,
    mutates: true,
  }),
} as const;

export const centerEvents = {
  'center.agentChanged': agentSchema,
  'center.interactionChanged': interactionSchema,
  'center.message': messageSchema,
  'center.ticketChanged': ticketSchema,
  'center.followUpChanged': followUpSchema,
  'center.customerChanged': customerSchema,
  /** A contact was offered to this agent: ring, notify, pop the customer. */
  'center.offer': z.object({ interaction: interactionSchema, notify: z.boolean() }),
  'center.trainingChanged': z.object({ active: z.boolean() }),
} as const;
