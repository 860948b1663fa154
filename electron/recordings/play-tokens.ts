import crypto from 'node:crypto';

/** Where the web host (and the desktop app's protocol) serves recordings to the player. */
export const recordingAudioPath = '/media/recordings/';

const lifetimeMs = 15 * 60_000;
const maxTokens = 1000;

/**
 * Short-lived capabilities for streaming one recording: an <audio> element cannot send the
 * API's credentials, so `recordings.play` (which checks the role and writes the audit log)
 * issues a random token bound to the recording, and the media route accepts only that.
 */
export class PlayTokens {
  readonly #now: () => number;
  /** token → recording id and expiry; insertion order is issue order. */
  readonly #tokens = new Map<string, { id: string; expires: number }>();

  constructor(now: () => number) {
    this.#now = now;
  }

  issue(id: string): string {
    this.#sweep();
    const token = crypto.randomBytes(24).toString('base64url');
    this.#tokens.set(token, { id, expires: this.#now() + lifetimeMs });
    return token;
  }

  valid(id: string, token: string): boolean {
    const entry = this.#tokens.get(token);
    return entry !== undefined && entry.id === id && entry.expires > this.#now();
  }

  #sweep(): void {
    const now = this.#now();
    for (const [token, entry] of this.#tokens) if (entry.expires <= now) this.#tokens.delete(token);
    // A runaway client must not grow the map without bound: the oldest go first.
    while (this.#tokens.size >= maxTokens) {
      const oldest = this.#tokens.keys().next().value;
      if (oldest === undefined) break;
      this.#tokens.delete(oldest);
    }
  }
}
