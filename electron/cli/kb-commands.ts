import type { Command } from './command';

/** `seatdesk kb …` commands; ./commands.ts lists them. */
export const kbCommands: readonly Command[] = [];
