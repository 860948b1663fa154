import { z } from 'zod';
import { phoneStates } from '../domain/status';

/** How DTMF leaves the phone: in the media (RFC 4733 telephone-event) or as SIP INFO. */
export const dtmfModes = ['rfc4733', 'info'] as const;

/**
 * Auto-answer: never; always after a delay; or only when the INVITE asks for it
 * (`Answer-Mode: Auto`, or `Call-Info: …;answer-after=N`), as queues with
 * forced answer do.
 */
export const autoAnswerModes = ['off', 'always', 'requested'] as const;

const wsUri = z
  .string()
  .trim()
  .regex(/^wss?:\/\/[^\s/]+(\/\S*)?$/i, 'Enter a ws:// or wss:// address, e.g. wss://pbx.example.com:8089/ws');
const sipUri = z
  .string()
  .trim()
  .regex(/^sips?:[^@\s;:]+@[A-Za-z0-9.-]+(:\d{1,5})?$/i, 'Enter a SIP address such as sip:1001@pbx.example.com');
const iceUrl = z
  .string()
  .trim()
  .regex(/^(stun|stuns|turn|turns):\S+$/i, 'ICE servers start with stun:, stuns:, turn: or turns:');

export const iceServerSchema = z.strictObject({
  urls: iceUrl,
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});

/** A phone account as stored and shown. The password is never part of it. */
export const phoneAccountSchema = z.strictObject({
  server: wsUri,
  sipUri,
  authUser: z.string().trim().min(1, 'Enter the authentication user').max(100),
  displayName: z.string().trim().max(80),
  registerExpires: z.number().int().min(60).max(86_400),
  outboundProxy: z.union([z.literal(''), sipUri]),
  iceServers: z.array(iceServerSchema).max(8),
  dtmfMode: z.enum(dtmfModes),
  autoAnswer: z.strictObject({
    mode: z.enum(autoAnswerModes),
    delaySeconds: z.number().int().min(0).max(30),
  }),
  /** SIP header naming the queue (set by the PBX on queue calls). */
  queueHeader: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'A header name, e.g. X-Queue'),
  customerHeader: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'A header name, e.g. X-Customer-Id'),
  /**
   * SIP header with the caller's 满意度 (1–5) when the PBX surveyed them before the call reached
   * this phone; it fills the call's satisfaction in wrap-up. Accounts saved before it default.
   */
  satisfactionHeader: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'A header name, e.g. X-Satisfaction')
    .default('X-Satisfaction'),
});
export type PhoneAccount = z.infer<typeof phoneAccountSchema>;

export const defaultPhoneAccount: Omit<PhoneAccount, 'server' | 'sipUri' | 'authUser'> = {
  displayName: '',
  registerExpires: 600,
  outboundProxy: '',
  iceServers: [],
  dtmfMode: 'rfc4733',
  autoAnswer: { mode: 'off', delaySeconds: 0 },
  queueHeader: 'X-Queue',
  customerHeader: 'X-Customer-Id',
  satisfactionHeader: 'X-Satisfaction',
};

/** Saving an account: the password is write-only; omitted means "keep the stored one". */
export const phoneAccountInputSchema = z.strictObject({
  account: phoneAccountSchema,
  password: z.string().min(1).max(200).optional(),
});

/** The status bar's phone states are the registration states: one list. */
export const registrationStates = phoneStates;
export const registrationSchema = z.object({
  state: z.enum(registrationStates),
  /** Why it failed or is retrying: "401 Unauthorized", "timeout", "transport". */
  reason: z.enum(['auth', 'forbidden', 'timeout', 'transport', 'server', 'config']).nullable(),
  detail: z.string().nullable(),
  /** When the next reconnect attempt starts (epoch ms), while waiting to retry. */
  retryAt: z.number().nullable(),
});
export type Registration = z.infer<typeof registrationSchema>;

/** Call quality from the media engine's WebRTC stats, sampled every 2 s. */
export const callQualitySchema = z.object({
  rttMs: z.number().nonnegative().nullable(),
  jitterMs: z.number().nonnegative(),
  /** Fraction of inbound packets lost, 0…1. */
  packetLoss: z.number().min(0).max(1),
  /** Mean opinion score estimate (E-model, 1…4.5). */
  mos: z.number().min(1).max(5),
  inboundBytes: z.number().nonnegative(),
  outboundBytes: z.number().nonnegative(),
  /** Received audio level 0…1 (is the customer audible?). */
  audioLevel: z.number().min(0).max(1),
});
export type CallQuality = z.infer<typeof callQualitySchema>;

/** What the call history keeps of the quality samples: the worst and the average. */
export const qualitySummarySchema = z.object({
  samples: z.number().int().nonnegative(),
  mosAverage: z.number(),
  mosMin: z.number(),
  jitterMaxMs: z.number(),
  packetLossMax: z.number(),
  rttMaxMs: z.number().nullable(),
});
export type QualitySummary = z.infer<typeof qualitySummarySchema>;

export const lineStates = ['ringing', 'dialing', 'early', 'connected', 'ended'] as const;
export type LineState = (typeof lineStates)[number];

export const lineSchema = z.object({
  id: z.string(),
  /** 1…4, the key the agent sees. */
  slot: z.number().int().min(1).max(4),
  direction: z.enum(['inbound', 'outbound']),
  state: z.enum(lineStates),
  held: z.boolean(),
  /** Held by the other side (their re-INVITE was sendonly/inactive). */
  remoteHeld: z.boolean(),
  muted: z.boolean(),
  remote: z.object({ uri: z.string(), number: z.string(), displayName: z.string().nullable() }),
  queue: z.string().nullable(),
  customerId: z.string().nullable(),
  /** Selected INVITE headers (X-*, Call-Info, Answer-Mode) for the rest of the app. */
  headers: z.record(z.string(), z.string()),
  sipCallId: z.string(),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** Set while a second call rings during an active one. */
  waiting: z.boolean(),
  /** The line this one consults for an attended transfer. */
  consultFor: z.string().nullable(),
  /** Lines mixed together in a three-way conference. */
  conferenceWith: z.string().nullable(),
  endReason: z.string().nullable(),
  /** Latest quality sample, once media flows. */
  quality: callQualitySchema.nullable(),
});
export type Line = z.infer<typeof lineSchema>;

/** One row of the call history. */
export const callHistoryItemSchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  remoteNumber: z.string(),
  remoteName: z.string().nullable(),
  localNumber: z.string(),
  line: z.number().int(),
  queue: z.string().nullable(),
  customerId: z.string().nullable(),
  sipCallId: z.string(),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number(),
  holdSeconds: z.number(),
  hangupBy: z.enum(['local', 'remote', 'system']),
  cause: z.string(),
  quality: qualitySummarySchema.nullable(),
  recordingId: z.string().nullable(),
});
export type CallHistoryItem = z.infer<typeof callHistoryItemSchema>;

/** Keyset cursor: the last row seen, newest first. */
export const historyCursorSchema = z.strictObject({ startedAt: z.number(), id: z.string().max(200) });

export const softphoneStateSchema = z.object({
  registration: registrationSchema,
  lines: z.array(lineSchema),
});
export type SoftphoneState = z.infer<typeof softphoneStateSchema>;

export const maxLines = 4;
