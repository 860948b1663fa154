import { chatLimits, isAllowedAttachmentType } from '../../../../shared/center/limits';

/** The chat view's pure pieces: attachment checks, the "/" canned-reply trigger, typing throttle. */

export type AttachmentCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'type' | 'size' | 'empty' };

/** Checked before reading the file, so a 2 GB video is refused at once with the limit shown. */
export function checkAttachment(file: { readonly type: string; readonly size: number }): AttachmentCheck {
  if (!isAllowedAttachmentType(file.type)) return { ok: false, reason: 'type' };
  if (file.size === 0) return { ok: false, reason: 'empty' };
  if (file.size > chatLimits.attachmentBytes) return { ok: false, reason: 'size' };
  return { ok: true };
}

/** Short names of the allowed types for the message: "PNG, JPEG, GIF, WEBP, PDF, TXT". */
export function allowedTypeNames(): string {
  return chatLimits.attachmentTypes
    .map((mime) => (mime === 'text/plain' ? 'TXT' : (mime.split('/')[1] ?? mime).toUpperCase()))
    .join(', ');
}

/** "/refund" at the start of the reply box opens the canned replies, searching "refund". */
export function cannedQuery(text: string): string | null {
  const match = /^\/(\S*)$/.exec(text);
  return match ? (match[1] ?? '') : null;
}

/**
 * Sends "typing" at most once per `everyMs` while the agent types, and "stopped" after
 * `idleMs` without a key (or at once on send). The caller supplies the clock and the timers.
 */
export class TypingThrottle {
  #lastSent = Number.NEGATIVE_INFINITY;
  #typing = false;
  #idle: ReturnType<typeof setTimeout> | undefined;
  readonly #send: (typing: boolean) => void;
  readonly #now: () => number;
  readonly #everyMs: number;
  readonly #idleMs: number;

  constructor(
    send: (typing: boolean) => void,
    options: { now?: () => number; everyMs?: number; idleMs?: number } = {},
  ) {
    this.#send = send;
    this.#now = options.now ?? Date.now;
    this.#everyMs = options.everyMs ?? 3000;
    this.#idleMs = options.idleMs ?? 4000;
  }

  /** A key was typed. */
  input(): void {
    const now = this.#now();
    if (!this.#typing || now - this.#lastSent >= this.#everyMs) {
      this.#typing = true;
      this.#lastSent = now;
      this.#send(true);
    }
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.stop(), this.#idleMs);
  }

  /** Sent, cleared, or left the chat. */
  stop(): void {
    clearTimeout(this.#idle);
    if (!this.#typing) return;
    this.#typing = false;
    this.#send(false);
  }
}

export const emojiSet = [
  '😀',
  '😊',
  '🙂',
  '😉',
  '😅',
  '😂',
  '🥲',
  '😍',
  '🤔',
  '😮',
  '😢',
  '😔',
  '🙏',
  '👍',
  '👌',
  '👏',
  '🙌',
  '💪',
  '🤝',
  '👋',
  '❤️',
  '💙',
  '⭐',
  '✨',
  '🎉',
  '✅',
  '❌',
  '⚠️',
  '❓',
  '💡',
  '📞',
  '📧',
  '📦',
  '🚚',
  '💳',
  '🧾',
  '🔧',
  '⏰',
  '☕',
  '🌟',
] as const;

export type SystemLine =
  | { readonly key: 'joined'; readonly agent: string }
  | { readonly key: 'ended' | 'customerLeft' | 'transferring' }
  | { readonly key: 'raw'; readonly text: string };

/** System lines arrive as keys ("joined:Li Na"); unknown ones are shown as they came. */
export function parseSystemLine(text: string): SystemLine {
  if (text.startsWith('joined:')) return { key: 'joined', agent: text.slice('joined:'.length) };
  if (text === 'ended' || text === 'customerLeft' || text === 'transferring') return { key: text };
  return { key: 'raw', text };
}
