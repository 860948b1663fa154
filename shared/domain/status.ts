import { z } from 'zod';

/** Agent states as the contact center knows them (DOMAIN.md, "Agent states"). */
export const agentStates = ['ready', 'not_ready', 'offered', 'on_contact', 'acw', 'offline'] as const;
export type AgentState = (typeof agentStates)[number];

/** Phone registration as the status bar shows it. */
export const phoneStates = ['unconfigured', 'unregistered', 'registering', 'registered', 'failed'] as const;
export type PhoneState = (typeof phoneStates)[number];

export const workstationStatusSchema = z.object({
  agent: z.object({
    state: z.enum(agentStates),
    reason: z.string().nullable(),
    /** ISO time the state began; the UI ticks time-in-state locally from it. */
    since: z.iso.datetime(),
  }),
  phone: z.object({
    state: z.enum(phoneStates),
    /** Why a registration failed (e.g. "401 Unauthorized"), for the tooltip. */
    detail: z.string().nullable(),
  }),
});

export type WorkstationStatus = z.infer<typeof workstationStatusSchema>;
