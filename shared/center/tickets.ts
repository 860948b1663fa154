import type { TicketPriority, TicketStatus } from './types';

/**
 * The ticket's closed loop (工单闭环): new → open ⇄ pending → solved → closed, with
 * reopening from solved. A closed ticket is history: changes go into a new ticket.
 */
const transitions: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'pending', 'solved'],
  open: ['pending', 'solved'],
  pending: ['open', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function canMoveTicket(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || transitions[from].includes(to);
}

export function nextTicketStatuses(from: TicketStatus): readonly TicketStatus[] {
  return transitions[from];
}

/** Resolution targets per priority (hours until due). */
export const ticketSlaHours: Readonly<Record<TicketPriority, number>> = {
  urgent: 4,
  high: 8,
  normal: 24,
  low: 72,
};

export function ticketDueAt(priority: TicketPriority, createdAt: number): number {
  return createdAt + ticketSlaHours[priority] * 3_600_000;
}
