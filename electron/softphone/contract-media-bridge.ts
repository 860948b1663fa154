import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';
import type { MediaRequest } from '../../shared/softphone/media-protocol';
import type { PhoneAccount } from '../../shared/softphone/types';
import type { EventBus } from '../api/event-bus';
import type { Logger } from '../log/logger';
import type { LocalDescriptionOptions, MediaBridge } from './media-bridge';

interface Pending {
  resolve(sdp: string | undefined): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

type WithoutEngine<T> = T extends unknown ? Omit<T, 'engineId'> : never;

/**
 * The MediaBridge the product uses: requests go to the attached media engine
 * (the hidden media window in Electron, the page in web mode) as
 * `media.request` events, answers come back through `media.respond`. The
 * newest engine to attach wins, so a reloaded page takes the calls over.
 */
export class ContractMediaBridge implements MediaBridge {
  readonly #events: EventBus;
  readonly #log: Logger;
  readonly #timeoutMs: number;
  readonly #pending = new Map<string, Pending>();
  #engineId: string | null = null;
  /** The client (CallContext.client) running the engine: requests go to it alone, answers come from it alone. */
  #engineClient: string | null = null;
  #iceServers: PhoneAccount['iceServers'] = [];

  constructor(events: EventBus, log: Logger, timeoutMs = 10_000) {
    this.#events = events;
    this.#log = log;
    this.#timeoutMs = timeoutMs;
  }

  get attached(): boolean {
    return this.#engineId !== null;
  }

  setIceServers(servers: PhoneAccount['iceServers']): void {
    this.#iceServers = servers;
  }

  attach(client: string): string {
    this.#engineId = randomUUID();
    this.#engineClient = client;
    this.#log.info('media engine attached', { engineId: this.#engineId, client });
    return this.#engineId;
  }

  isCurrent(engineId: string, client: string): boolean {
    return engineId === this.#engineId && client === this.#engineClient;
  }

  /** An answer from the engine; false when it answers a request nobody waits for any more. */
  respond(
    answer: {
      engineId: string;
      requestId: string;
      ok: boolean;
      sdp?: string | undefined;
      error?: string | undefined;
    },
    client: string,
  ): boolean {
    const pending = this.#pending.get(answer.requestId);
    if (pending === undefined || !this.isCurrent(answer.engineId, client)) return false;
    this.#pending.delete(answer.requestId);
    clearTimeout(pending.timer);
    if (answer.ok) pending.resolve(answer.sdp);
    else pending.reject(new Error(`Media engine: ${answer.error ?? 'failed'}`));
    return true;
  }

  #send(request: WithoutEngine<MediaRequest>): boolean {
    if (this.#engineId === null || this.#engineClient === null) return false;
    this.#events.emit('media.request', { ...request, engineId: this.#engineId } as MediaRequest, this.#engineClient);
    return true;
  }

  #ask(request: WithoutEngine<Extract<MediaRequest, { requestId: string }>>): Promise<string | undefined> {
    if (this.#engineId === null) {
      return Promise.reject(
        new ApiError('unavailable', 'No media engine is running: open the SeatDesk window to take calls.'),
      );
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(request.requestId);
        reject(new ApiError('timeout', `The media engine did not answer ${request.op} in time.`));
      }, this.#timeoutMs);
      this.#pending.set(request.requestId, { resolve, reject, timer });
      this.#send(request);
    });
  }

  async createLocalDescription(lineId: string, options: LocalDescriptionOptions): Promise<string> {
    const sdp = await this.#ask({
      op: 'createLocalDescription',
      requestId: randomUUID(),
      lineId,
      hold: options.hold,
      iceRestart: options.iceRestart,
      iceServers: this.#iceServers,
    });
    if (!sdp) throw new Error('Media engine answered without SDP');
    return sdp;
  }

  async setRemoteDescription(lineId: string, sdp: string): Promise<void> {
    // The ICE servers travel here too: on an incoming call the remote offer comes first.
    await this.#ask({ op: 'setRemoteDescription', requestId: randomUUID(), lineId, sdp, iceServers: this.#iceServers });
  }

  async rollback(lineId: string): Promise<void> {
    await this.#ask({ op: 'rollback', requestId: randomUUID(), lineId });
  }

  sendDtmf(lineId: string, tones: string): boolean {
    return this.#send({ op: 'sendDtmf', lineId, tones });
  }

  setMuted(lineId: string, muted: boolean): void {
    this.#send({ op: 'setMuted', lineId, muted });
  }

  setConference(lineIds: readonly string[] | null): void {
    this.#send({ op: 'setConference', lineIds: lineIds === null ? null : [...lineIds] });
  }

  close(lineId: string): void {
    this.#send({ op: 'close', lineId });
  }
}
