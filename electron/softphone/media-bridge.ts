/**
 * The seam between SIP signaling (here, in the main process) and media (the
 * renderer's WebRTC engine, which owns RTCPeerConnections, devices and the
 * recorder). sip.js asks for SDP through the bridged SessionDescriptionHandler;
 * the bridge carries the question to whichever engine is attached.
 */
export interface LocalDescriptionOptions {
  /** Offer sendonly (we hold) instead of sendrecv. */
  readonly hold: boolean;
  /** New ICE credentials: the network changed under an established call. */
  readonly iceRestart: boolean;
}

export interface MediaBridge {
  /** An offer when no remote description is set yet, otherwise the answer to it. */
  createLocalDescription(lineId: string, options: LocalDescriptionOptions): Promise<string>;
  setRemoteDescription(lineId: string, sdp: string): Promise<void>;
  /** Our offer was refused (488, 491…): forget it and restore the media as it was before. */
  rollback(lineId: string): Promise<void>;
  /** RFC 4733 tones in the media. False when the engine cannot send them now. */
  sendDtmf(lineId: string, tones: string): boolean;
  setMuted(lineId: string, muted: boolean): void;
  /** Mix two lines into a three-way conference, or null to split them. */
  setConference(lineIds: readonly string[] | null): void;
  close(lineId: string): void;
}
