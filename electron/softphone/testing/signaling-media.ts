import type { LocalDescriptionOptions, MediaBridge } from '../media-bridge';

/**
 * Media for signaling-only tests: valid audio SDP, no RTP. Answers mirror the
 * offer's direction (sendonly → recvonly) like a real engine, so hold shows up
 * on both ends of the SIP dialog.
 */
export class SignalingOnlyMedia implements MediaBridge {
  /** A remote offer waiting for our answer, per line. */
  readonly #remote = new Map<string, string>();
  /** Lines where we sent an offer and wait for the answer. */
  readonly #offered = new Set<string>();
  readonly #version = new Map<string, number>();
  readonly dtmfSent: Array<{ lineId: string; tones: string }> = [];
  /** Every local description asked for, with its options (hold, ICE restart). */
  readonly requests: Array<{ lineId: string; hold: boolean; iceRestart: boolean }> = [];
  /** Every remote SDP seen, per line, newest last. */
  readonly remoteSdp = new Map<string, string[]>();
  readonly closed: string[] = [];
  conference: readonly string[] | null = null;

  async createLocalDescription(lineId: string, options: LocalDescriptionOptions): Promise<string> {
    this.requests.push({ lineId, ...options });
    const remote = this.#remote.get(lineId);
    const version = (this.#version.get(lineId) ?? 0) + 1;
    this.#version.set(lineId, version);
    let direction = options.hold ? 'sendonly' : 'sendrecv';
    if (remote !== undefined) {
      // Answering: mirror the offer.
      this.#remote.delete(lineId);
      if (/a=sendonly/.test(remote)) direction = 'recvonly';
      else if (/a=inactive/.test(remote)) direction = 'inactive';
      else if (/a=recvonly/.test(remote)) direction = 'sendonly';
    } else {
      this.#offered.add(lineId);
    }
    return audioSdp(hash(lineId), version, direction);
  }

  async setRemoteDescription(lineId: string, sdp: string): Promise<void> {
    if (!sdp.startsWith('v=0')) throw new Error('Not an SDP body');
    this.remoteSdp.set(lineId, [...(this.remoteSdp.get(lineId) ?? []), sdp]);
    // The answer to our own offer completes the exchange; anything else is an offer to answer.
    if (this.#offered.delete(lineId)) return;
    this.#remote.set(lineId, sdp);
  }

  readonly rollbacks: string[] = [];

  async rollback(lineId: string): Promise<void> {
    this.rollbacks.push(lineId);
    this.#offered.delete(lineId);
  }

  sendDtmf(lineId: string, tones: string): boolean {
    this.dtmfSent.push({ lineId, tones });
    return true;
  }

  setMuted(): void {}

  setConference(lineIds: readonly string[] | null): void {
    this.conference = lineIds;
  }

  close(lineId: string): void {
    this.closed.push(lineId);
    this.#remote.delete(lineId);
    this.#offered.delete(lineId);
  }
}

function hash(text: string): number {
  let h = 7;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

/** A signaling-only audio SDP (Opus and telephone-event, no real address), as the test media answers. */
export function audioSdp(session: number, version: number, direction: string): string {
  return [
    'v=0',
    `o=- ${session} ${version} IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 101',
    'c=IN IP4 0.0.0.0',
    'a=rtpmap:111 opus/48000/2',
    'a=rtpmap:101 telephone-event/8000',
    `a=${direction}`,
    '',
  ].join('\r\n');
}
