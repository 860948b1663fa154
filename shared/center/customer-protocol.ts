import { z } from 'zod';
import { chatLimits } from './limits';

/**
 * What the customer's side of a chat speaks: the web host's /chat page over its own
 * WebSocket (/chat/ws), and the training simulator in-process. It is deliberately not
 * the agent API: a customer reaches only their own conversation.
 */

const attachment = z.strictObject({
  name: z.string().trim().min(1).max(200),
  mime: z.string().min(1).max(100),
  dataBase64: z.string().max(Math.ceil((chatLimits.attachmentBytes * 4) / 3) + 8),
});

export const customerRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    queueId: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(100),
    /** E-mail or account id: the agent's screen pop matches the customer on it. */
    identity: z.string().trim().max(200).default(''),
    locale: z.string().max(10).default('en'),
  }),
  /** Back after a reload or a dropped connection: the token from `started`. */
  z.strictObject({ type: z.literal('resume'), token: z.string().min(16).max(200) }),
  z.strictObject({
    type: z.literal('send'),
    text: z.string().max(chatLimits.textChars),
    clientId: z.string().min(1).max(100),
    attachment: attachment.optional(),
  }),
  z.strictObject({ type: z.literal('typing'), typing: z.boolean() }),
  z.strictObject({ type: z.literal('read') }),
  z.strictObject({ type: z.literal('rate'), score: z.number().int().min(1).max(5) }),
  z.strictObject({ type: z.literal('leave') }),
]);
export type CustomerRequest = z.infer<typeof customerRequestSchema>;

/** A message as the customer sees it: internal notes never leave the service. */
export const customerMessageSchema = z.object({
  id: z.string(),
  seq: z.number(),
  from: z.enum(['customer', 'agent', 'system']),
  authorName: z.string(),
  text: z.string(),
  attachment: z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() }).nullable(),
  at: z.number(),
  delivery: z.enum(['sent', 'delivered', 'read']),
});
export type CustomerMessage = z.infer<typeof customerMessageSchema>;

export const customerChatStates = ['waiting', 'connected', 'ended'] as const;

export type CustomerNotice =
  | {
      readonly type: 'started';
      readonly token: string;
      readonly queueName: string;
      readonly state: (typeof customerChatStates)[number];
      readonly agentName: string | null;
      readonly messages: readonly CustomerMessage[];
      /** The rating already given, when resuming an ended chat. */
      readonly rated: number | null;
    }
  | { readonly type: 'message'; readonly message: CustomerMessage }
  | { readonly type: 'agentTyping'; readonly typing: boolean }
  | {
      readonly type: 'state';
      readonly state: (typeof customerChatStates)[number];
      readonly agentName: string | null;
    }
  /** The chat ended: ask for 满意度 1…5. */
  | { readonly type: 'rateRequest' }
  | { readonly type: 'rated'; readonly score: number }
  | { readonly type: 'error'; readonly code: string; readonly message: string };
