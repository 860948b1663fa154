import type { Database } from 'better-sqlite3';
import type {
  Agent,
  CannedReply,
  CenterEvent,
  Customer,
  FollowUp,
  Interaction,
  Message,
  Queue,
  Ticket,
  TicketComment,
} from '../../../shared/center/types';
import type { CallHistoryItem } from '../../../shared/softphone/types';
import { searchCalls } from './calls';

/**
 * The embedded center's storage. Entities are JSON documents (validated by the service
 * before they get here) with the columns that queries need beside them.
 */

const parse = <T>(rows: ReadonlyArray<{ doc: string }>): T[] => rows.map((row) => JSON.parse(row.doc) as T);
const reverse = (text: string): string => [...text].reverse().join('');
/** Digits only: "+86 138-0013-8000" and "13800138000" are the same phone. */
export const phoneDigits = (phone: string): string => phone.replace(/\D/g, '');

export interface CenterState {
  readonly queues: Queue[];
  readonly agents: Agent[];
  readonly interactions: Interaction[];
  readonly tickets: Ticket[];
  readonly followUps: FollowUp[];
  readonly cannedReplies: CannedReply[];
  readonly nextTicketNumber: number;
}

/** Everything the center keeps in memory: live contacts, open tickets, scheduled follow-ups. */
export function loadCenterState(db: Database): CenterState {
  const max = db.prepare('SELECT MAX(number) AS n FROM center_tickets').get() as { n: number | null };
  return {
    queues: parse<Queue>(db.prepare('SELECT doc FROM center_queues').all() as { doc: string }[]),
    agents: parse<Agent>(db.prepare('SELECT doc FROM center_agents').all() as { doc: string }[]),
    interactions: parse<Interaction>(
      db.prepare("SELECT doc FROM center_interactions WHERE state NOT IN ('ended', 'abandoned')").all() as {
        doc: string;
      }[],
    ),
    tickets: parse<Ticket>(
      db.prepare("SELECT doc FROM center_tickets WHERE status NOT IN ('solved', 'closed')").all() as { doc: string }[],
    ),
    followUps: parse<FollowUp>(
      db.prepare("SELECT doc FROM center_follow_ups WHERE state = 'scheduled'").all() as { doc: string }[],
    ),
    cannedReplies: parse<CannedReply>(db.prepare('SELECT doc FROM center_canned_replies').all() as { doc: string }[]),
    nextTicketNumber: (max.n ?? 1000) + 1,
  };
}

export function putQueue(db: Database, queue: Queue): void {
  db.prepare('INSERT INTO center_queues (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc').run(
    queue.id,
    JSON.stringify(queue),
  );
}

export function putAgents(db: Database, agents: readonly Agent[]): void {
  const statement = db.prepare(
    'INSERT INTO center_agents (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
  );
  db.transaction(() => agents.forEach((agent) => statement.run(agent.id, JSON.stringify(agent))))();
}

export function putInteraction(db: Database, interaction: Interaction): void {
  db.prepare(
    `INSERT INTO center_interactions (id, state, customer_id, agent_id, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, customer_id = excluded.customer_id,
       agent_id = excluded.agent_id, doc = excluded.doc`,
  ).run(
    interaction.id,
    interaction.state,
    interaction.customerId,
    interaction.agentId,
    interaction.createdAt,
    JSON.stringify(interaction),
  );
}

/** A contact's new state and the log lines it adds, in one transaction (one trip to the worker). */
export function saveInteraction(
  db: Database,
  interaction: Interaction,
  events: ReadonlyArray<Omit<CenterEvent, 'seq'>>,
): void {
  db.transaction(() => {
    putInteraction(db, interaction);
    if (events.length > 0) appendEvents(db, events);
  })();
}

/** Agents' new states and the log lines they add, in one transaction. */
export function saveAgents(
  db: Database,
  agents: readonly Agent[],
  events: ReadonlyArray<Omit<CenterEvent, 'seq'>>,
): void {
  db.transaction(() => {
    putAgents(db, agents);
    if (events.length > 0) appendEvents(db, events);
  })();
}

export function getInteraction(db: Database, id: string): Interaction | null {
  const row = db.prepare('SELECT doc FROM center_interactions WHERE id = ?').get(id) as { doc: string } | undefined;
  return row ? (JSON.parse(row.doc) as Interaction) : null;
}

/**
 * Appends a message unless one with the same client id is already there (a send retried
 * after a reconnect); answers the stored message either way.
 */
export function appendMessage(db: Database, message: Message, clientId: string | null): Message {
  if (clientId !== null) {
    const existing = db
      .prepare('SELECT doc FROM center_messages WHERE interaction_id = ? AND client_id = ?')
      .get(message.interactionId, clientId) as { doc: string } | undefined;
    if (existing) return JSON.parse(existing.doc) as Message;
  }
  db.prepare('INSERT INTO center_messages (id, interaction_id, seq, client_id, doc) VALUES (?, ?, ?, ?, ?)').run(
    message.id,
    message.interactionId,
    message.seq,
    clientId,
    JSON.stringify(message),
  );
  return message;
}

export function updateMessages(db: Database, messages: readonly Message[]): void {
  const statement = db.prepare('UPDATE center_messages SET doc = ? WHERE id = ?');
  db.transaction(() => messages.forEach((m) => statement.run(JSON.stringify(m), m.id)))();
}

/** Newest `limit` messages before `beforeSeq`, returned oldest first. */
export function listMessages(
  db: Database,
  interactionId: string,
  beforeSeq: number | null,
  limit: number,
): { messages: Message[]; more: boolean } {
  const rows = db
    .prepare(`SELECT doc FROM center_messages WHERE interaction_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`)
    .all(interactionId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit + 1) as { doc: string }[];
  const more = rows.length > limit;
  return { messages: parse<Message>(rows.slice(0, limit)).reverse(), more };
}

export function lastMessageSeq(db: Database, interactionId: string): number {
  const row = db.prepare('SELECT MAX(seq) AS seq FROM center_messages WHERE interaction_id = ?').get(interactionId) as {
    seq: number | null;
  };
  return row.seq ?? -1;
}

export interface StoredAttachment {
  readonly id: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  readonly data: Uint8Array;
}

export function putAttachment(db: Database, attachment: StoredAttachment): void {
  db.prepare('INSERT INTO center_attachments (id, name, mime, size, data) VALUES (?, ?, ?, ?, ?)').run(
    attachment.id,
    attachment.name,
    attachment.mime,
    attachment.size,
    Buffer.from(attachment.data),
  );
}

export function getAttachment(db: Database, id: string): StoredAttachment | null {
  const row = db.prepare('SELECT id, name, mime, size, data FROM center_attachments WHERE id = ?').get(id) as
    StoredAttachment | undefined;
  return row ?? null;
}

export function putTicket(db: Database, ticket: Ticket): void {
  const search = `${ticket.number} ${ticket.subject} ${ticket.requesterName} ${ticket.tags.join(' ')}`.toLowerCase();
  db.prepare(
    `INSERT INTO center_tickets (id, number, status, assignee_id, requester_id, updated_at, search, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, assignee_id = excluded.assignee_id,
       requester_id = excluded.requester_id, updated_at = excluded.updated_at, search = excluded.search,
       doc = excluded.doc`,
  ).run(
    ticket.id,
    ticket.number,
    ticket.status,
    ticket.assigneeId,
    ticket.requesterId,
    ticket.updatedAt,
    search,
    JSON.stringify(ticket),
  );
}

export function getTicket(db: Database, id: string): { ticket: Ticket; comments: TicketComment[] } | null {
  const row = db.prepare('SELECT doc FROM center_tickets WHERE id = ?').get(id) as { doc: string } | undefined;
  if (!row) return null;
  const comments = parse<TicketComment>(
    db.prepare('SELECT doc FROM center_ticket_comments WHERE ticket_id = ? ORDER BY at, id').all(id) as {
      doc: string;
    }[],
  );
  return { ticket: JSON.parse(row.doc) as Ticket, comments };
}

export interface TicketQuery {
  readonly status?: string | undefined;
  readonly assigneeId?: string | undefined;
  readonly text?: string | undefined;
  readonly before?: { readonly updatedAt: number; readonly id: string } | undefined;
  readonly limit: number;
}

/** Most recently updated first, keyset-paged on (updated_at, id). */
export function listTickets(
  db: Database,
  query: TicketQuery,
): { tickets: Ticket[]; next: { updatedAt: number; id: string } | null } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: query.limit + 1 };
  if (query.status) {
    where.push('status = @status');
    params.status = query.status;
  }
  if (query.assigneeId) {
    where.push('assignee_id = @assignee');
    params.assignee = query.assigneeId;
  }
  const text = query.text?.trim().toLowerCase();
  if (text) {
    where.push(`search LIKE @like ESCAPE '\\'`);
    params.like = `%${text.replace(/^#/, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (query.before) {
    where.push('(updated_at < @beforeAt OR (updated_at = @beforeAt AND id < @beforeId))');
    params.beforeAt = query.before.updatedAt;
    params.beforeId = query.before.id;
  }
  const rows = db
    .prepare(
      `SELECT doc FROM center_tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY updated_at DESC, id DESC LIMIT @limit`,
    )
    .all(params) as { doc: string }[];
  const tickets = parse<Ticket>(rows.slice(0, query.limit));
  const last = tickets.at(-1);
  return { tickets, next: rows.length > query.limit && last ? { updatedAt: last.updatedAt, id: last.id } : null };
}

export function putComment(db: Database, comment: TicketComment): void {
  db.prepare('INSERT INTO center_ticket_comments (id, ticket_id, at, doc) VALUES (?, ?, ?, ?)').run(
    comment.id,
    comment.ticketId,
    comment.at,
    JSON.stringify(comment),
  );
}

export function putFollowUp(db: Database, followUp: FollowUp): void {
  db.prepare(
    `INSERT INTO center_follow_ups (id, ticket_id, state, doc) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, doc = excluded.doc`,
  ).run(followUp.id, followUp.ticketId, followUp.state, JSON.stringify(followUp));
}

export function putCustomer(db: Database, customer: Customer): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO center_customers (id, name, chat_identity, created_at, doc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, chat_identity = excluded.chat_identity, doc = excluded.doc`,
    ).run(
      customer.id,
      customer.name,
      customer.chatIdentity?.toLowerCase() ?? null,
      customer.createdAt,
      JSON.stringify(customer),
    );
    db.prepare('DELETE FROM center_customer_phones WHERE customer_id = ?').run(customer.id);
    const phone = db.prepare('INSERT OR IGNORE INTO center_customer_phones (customer_id, phone_rev) VALUES (?, ?)');
    for (const number of customer.phones) {
      const digits = phoneDigits(number);
      if (digits) phone.run(customer.id, reverse(digits));
    }
  })();
}

export function getCustomer(db: Database, id: string): Customer | null {
  const row = db.prepare('SELECT doc FROM center_customers WHERE id = ?').get(id) as { doc: string } | undefined;
  return row ? (JSON.parse(row.doc) as Customer) : null;
}

/**
 * The customer a number belongs to. Numbers match on their last digits (at least 7), so
 * "+86 138 0013 8000" finds the customer stored as "13800138000".
 */
export function customerByPhone(db: Database, number: string): Customer | null {
  const digits = phoneDigits(number);
  if (digits.length < 3) return null;
  const key = reverse(digits).slice(0, Math.min(digits.length, 11));
  const row = db
    .prepare(
      `SELECT c.doc FROM center_customer_phones p JOIN center_customers c ON c.id = p.customer_id
       WHERE p.phone_rev >= ? AND p.phone_rev < ? ORDER BY c.created_at LIMIT 1`,
    )
    .get(key, `${key}\uffff`) as { doc: string } | undefined;
  return row ? (JSON.parse(row.doc) as Customer) : null;
}

export function customerByIdentity(db: Database, identity: string): Customer | null {
  const row = db
    .prepare('SELECT doc FROM center_customers WHERE chat_identity = ? LIMIT 1')
    .get(identity.toLowerCase()) as { doc: string } | undefined;
  return row ? (JSON.parse(row.doc) as Customer) : null;
}

/** By trailing digits, chat identity or a piece of the name; at most 20. */
export function findCustomers(db: Database, query: string): Customer[] {
  const text = query.trim();
  const digits = phoneDigits(text);
  if (/^[\d\s+().-]+$/.test(text) && digits.length >= 3) {
    const key = reverse(digits);
    return parse<Customer>(
      db
        .prepare(
          `SELECT DISTINCT c.doc FROM center_customer_phones p JOIN center_customers c ON c.id = p.customer_id
           WHERE p.phone_rev >= ? AND p.phone_rev < ? LIMIT 20`,
        )
        .all(key, `${key}\uffff`) as { doc: string }[],
    );
  }
  const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return parse<Customer>(
    db
      .prepare(
        `SELECT doc FROM center_customers WHERE lower(name) LIKE ? ESCAPE '\\' OR chat_identity LIKE ? ESCAPE '\\'
         ORDER BY name LIMIT 20`,
      )
      .all(like, like) as { doc: string }[],
  );
}

/** The customer's history across channels: calls by their numbers, chats and calls as interactions, tickets. */
export function customerHistory(
  db: Database,
  customer: Customer,
): { calls: CallHistoryItem[]; interactions: Interaction[]; tickets: Ticket[] } {
  const calls = new Map<string, CallHistoryItem>();
  for (const phone of customer.phones) {
    const digits = phoneDigits(phone);
    if (digits.length < 3) continue;
    for (const call of searchCalls(db, { text: digits.slice(-Math.min(digits.length, 11)), limit: 50 }))
      calls.set(call.id, call);
  }
  const interactions = parse<Interaction>(
    db
      .prepare('SELECT doc FROM center_interactions WHERE customer_id = ? ORDER BY created_at DESC LIMIT 50')
      .all(customer.id) as { doc: string }[],
  );
  const tickets = parse<Ticket>(
    db
      .prepare('SELECT doc FROM center_tickets WHERE requester_id = ? ORDER BY updated_at DESC LIMIT 50')
      .all(customer.id) as { doc: string }[],
  );
  return { calls: [...calls.values()].sort((a, b) => b.startedAt - a.startedAt), interactions, tickets };
}

export function putCannedReplies(db: Database, replies: readonly CannedReply[]): void {
  const statement = db.prepare(
    `INSERT INTO center_canned_replies (id, queue_id, locale, doc) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET queue_id = excluded.queue_id, locale = excluded.locale, doc = excluded.doc`,
  );
  db.transaction(() => replies.forEach((r) => statement.run(r.id, r.queueId, r.locale, JSON.stringify(r))))();
}

export function appendEvents(db: Database, events: ReadonlyArray<Omit<CenterEvent, 'seq'>>): void {
  const statement = db.prepare(
    'INSERT INTO center_events (at, type, interaction_id, agent_id, queue_id, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const e of events) {
      statement.run(e.at, e.type, e.interactionId, e.agentId, e.queueId, JSON.stringify(e.data));
    }
  })();
}

interface EventRow {
  seq: number;
  at: number;
  type: CenterEvent['type'];
  interaction_id: string | null;
  agent_id: string | null;
  queue_id: string | null;
  data: string;
}

/** The event log from `sinceAt` (inclusive), oldest first; the metrics read it. */
export function listEvents(db: Database, sinceAt: number, afterSeq: number, limit: number): CenterEvent[] {
  const rows = db
    .prepare('SELECT * FROM center_events WHERE at >= ? AND seq > ? ORDER BY seq LIMIT ?')
    .all(sinceAt, afterSeq, limit) as EventRow[];
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    type: row.type,
    interactionId: row.interaction_id,
    agentId: row.agent_id,
    queueId: row.queue_id,
    data: JSON.parse(row.data) as CenterEvent['data'],
  }));
}

export function putChatToken(db: Database, tokenHash: string, interactionId: string): void {
  db.prepare('INSERT INTO center_chat_tokens (token_hash, interaction_id) VALUES (?, ?)').run(tokenHash, interactionId);
}

export function chatTokenInteraction(db: Database, tokenHash: string): string | null {
  const row = db.prepare('SELECT interaction_id FROM center_chat_tokens WHERE token_hash = ?').get(tokenHash) as
    { interaction_id: string } | undefined;
  return row?.interaction_id ?? null;
}

export function countRows(db: Database, table: 'center_customers' | 'center_tickets' | 'center_queues'): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export const centerOperations = {
  'center.load': loadCenterState,
  'center.putQueue': putQueue,
  'center.putAgents': putAgents,
  'center.putInteraction': putInteraction,
  'center.saveInteraction': saveInteraction,
  'center.saveAgents': saveAgents,
  'center.getInteraction': getInteraction,
  'center.appendMessage': appendMessage,
  'center.updateMessages': updateMessages,
  'center.messages': listMessages,
  'center.lastMessageSeq': lastMessageSeq,
  'center.putAttachment': putAttachment,
  'center.getAttachment': getAttachment,
  'center.putTicket': putTicket,
  'center.getTicket': getTicket,
  'center.listTickets': listTickets,
  'center.putComment': putComment,
  'center.putFollowUp': putFollowUp,
  'center.putCustomer': putCustomer,
  'center.getCustomer': getCustomer,
  'center.customerByPhone': customerByPhone,
  'center.customerByIdentity': customerByIdentity,
  'center.findCustomers': findCustomers,
  'center.customerHistory': customerHistory,
  'center.putCannedReplies': putCannedReplies,
  'center.appendEvents': appendEvents,
  'center.events': listEvents,
  'center.putChatToken': putChatToken,
  'center.chatTokenInteraction': chatTokenInteraction,
  'center.count': countRows,
};
