import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import type { MediaBridge } from './media-bridge';

/** sip.js passes these (untyped) through SessionDescriptionHandlerOptions. */
interface BridgedOptions extends SessionDescriptionHandlerOptions {
  readonly hold?: boolean;
  readonly offerOptions?: { readonly iceRestart?: boolean };
}

/**
 * sip.js's SessionDescriptionHandler, answered by the media engine through a
 * MediaBridge instead of a local RTCPeerConnection (there is none in Node).
 */
class BridgedSessionDescriptionHandler implements SessionDescriptionHandler {
  readonly #bridge: MediaBridge;
  readonly #lineId: string;
  #closed = false;

  constructor(bridge: MediaBridge, lineId: string) {
    this.#bridge = bridge;
    this.#lineId = lineId;
  }

  async getDescription(options?: BridgedOptions): Promise<BodyAndContentType> {
    const body = await this.#bridge.createLocalDescription(this.#lineId, {
      hold: options?.hold === true,
      iceRestart: options?.offerOptions?.iceRestart === true,
    });
    return { body, contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
    return this.#bridge.setRemoteDescription(this.#lineId, sdp);
  }

  /** sip.js calls this when the far end refuses our re-INVITE offer. */
  rollbackDescription(): Promise<void> {
    return this.#bridge.rollback(this.#lineId);
  }

  sendDtmf(tones: string): boolean {
    return this.#bridge.sendDtmf(this.#lineId, tones);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#bridge.close(this.#lineId);
  }
}

/**
 * One handler per session, keyed by the line the session belongs to. The
 * softphone assigns the line id before sip.js asks for the handler.
 */
export function bridgedSdhFactory(
  bridge: MediaBridge,
  lineIdOf: (session: Session) => string,
): SessionDescriptionHandlerFactory {
  return (session) => new BridgedSessionDescriptionHandler(bridge, lineIdOf(session));
}
