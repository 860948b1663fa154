import type { Command } from './command';

/** `seatdesk recordings …` commands; ./commands.ts lists them. */
export const recordingsCommands: readonly Command[] = [];
