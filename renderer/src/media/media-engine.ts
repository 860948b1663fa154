import type { MediaRequest } from '../../../shared/softphone/media-protocol';
import type { CallQuality, PhoneAccount } from '../../../shared/softphone/types';
import type { ApiClient } from '../api/client';
import { assertNever } from '../../../shared/assert';
import { qualityFromStats } from './quality';

/** What a recorder needs of a call: both legs as streams (the recordings issue plugs in here). */
export interface CallLegs {
  readonly local: MediaStream;
  readonly remote: MediaStream;
}

interface LineMedia {
  readonly pc: RTCPeerConnection;
  readonly transceiver: RTCRtpTransceiver;
  /** This line's own copy of the microphone track (mute is per line). */
  mic: MediaStreamTrack;
  readonly remote: MediaStream;
  readonly audio: HTMLAudioElement;
  statsTotals: { packetsReceived: number; packetsLost: number } | null;
  muted: boolean;
  held: boolean;
  /** Media as it was before our pending offer, restored if the far end refuses it. */
  beforeOffer: { direction: RTCRtpTransceiverDirection; held: boolean } | null;
}

export interface DevicePreferences {
  readonly inputId: string;
  readonly outputId: string;
}

/** Chrome's voice processing stays on whenever the microphone changes. */
const voiceProcessing = { echoCancellation: true, noiseSuppression: true, autoGainControl: true } as const;

/**
 * The media half of the softphone. Signaling runs in the main process; it asks
 * this engine, through the API contract, for SDP offers and answers. The engine
 * owns the RTCPeerConnections, the microphone and speaker, DTMF, the conference
 * mix and the quality statistics. In Electron it lives in a hidden window that
 * is never reloaded; in web mode, in the page.
 */
export class MediaEngine {
  readonly #api: ApiClient;
  readonly #lines = new Map<string, LineMedia>();
  readonly #offs: Array<() => void> = [];
  /** Lines the signaling side has closed; a late request for one must not build a connection. */
  readonly #closed = new Set<string>();
  #engineId = '';
  #mic: Promise<MediaStream> | undefined;
  #devices: DevicePreferences = { inputId: '', outputId: '' };
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #mixer: { context: AudioContext; lineIds: readonly string[] } | null = null;

  private constructor(api: ApiClient) {
    this.#api = api;
  }

  static async start(api: ApiClient, devices: DevicePreferences): Promise<MediaEngine> {
    const engine = new MediaEngine(api);
    engine.#devices = devices;
    engine.#offs.push(api.on('media.request', (request) => void engine.#handle(request)));
    // After a reconnect the services may have restarted: announce this engine again.
    engine.#offs.push(api.onResync(() => void engine.#attach()));
    await engine.#attach();
    engine.#statsTimer = setInterval(() => void engine.#reportStats(), 2000);
    return engine;
  }

  async #attach(): Promise<void> {
    this.#engineId = (await this.#api.call('media.attach', {})).engineId;
  }

  stop(): void {
    clearInterval(this.#statsTimer);
    this.#offs.forEach((off) => off());
    for (const lineId of [...this.#lines.keys()]) this.#close(lineId);
  }

  /** Both legs of a call, for the recorder. */
  legs(lineId: string): CallLegs | undefined {
    const line = this.#lines.get(lineId);
    return line && { local: new MediaStream([line.mic]), remote: line.remote };
  }

  // ── requests from the signaling side ─────────────────────────────────────

  async #handle(request: MediaRequest): Promise<void> {
    if (request.engineId !== this.#engineId) return;
    switch (request.op) {
      case 'createLocalDescription':
        await this.#answer(request.requestId, () =>
          this.#createLocalDescription(request.lineId, request.hold, request.iceRestart, request.iceServers),
        );
        return;
      case 'setRemoteDescription':
        await this.#answer(request.requestId, async () => {
          await this.#setRemoteDescription(request.lineId, request.sdp, request.iceServers);
          return undefined;
        });
        return;
      case 'sendDtmf': {
        // insertDTMF replaces the buffer: append, so quick key presses keep every digit.
        const dtmf = this.#lines.get(request.lineId)?.transceiver.sender.dtmf;
        dtmf?.insertDTMF(`${dtmf.toneBuffer}${request.tones}`, 120, 70);
        return;
      }
      case 'setMuted':
        this.#setMuted(request.lineId, request.muted);
        return;
      case 'setConference':
        await this.#setConference(request.lineIds);
        return;
      case 'close':
        this.#close(request.lineId);
        return;
      case 'rollback':
        await this.#answer(request.requestId, async () => {
          await this.#rollback(request.lineId);
          return undefined;
        });
        return;
      default:
        assertNever(request, 'media request');
    }
  }

  async #answer(requestId: string, work: () => Promise<string | undefined>): Promise<void> {
    try {
      const sdp = await work();
      await this.#api.call('media.respond', { engineId: this.#engineId, requestId, ok: true, ...(sdp ? { sdp } : {}) });
    } catch (error) {
      await this.#api
        .call('media.respond', {
          engineId: this.#engineId,
          requestId,
          ok: false,
          error: (error as Error).message.slice(0, 2000),
        })
        .catch(() => undefined);
    }
  }

  #microphone(): Promise<MediaStream> {
    this.#mic ??= navigator.mediaDevices.getUserMedia({
      audio: { ...voiceProcessing, ...(this.#devices.inputId ? { deviceId: { exact: this.#devices.inputId } } : {}) },
      video: false,
    });
    return this.#mic;
  }

  async #line(lineId: string, iceServers: PhoneAccount['iceServers']): Promise<LineMedia> {
    const existing = this.#lines.get(lineId);
    if (existing) return existing;
    if (this.#closed.has(lineId)) throw new Error(`Line ${lineId} has ended`);
    const mic = (await this.#microphone()).getAudioTracks()[0];
    if (!mic) throw new Error('No microphone track');
    // It may have ended while the microphone was opening: leave no connection behind.
    if (this.#closed.has(lineId)) throw new Error(`Line ${lineId} has ended`);
    const pc = new RTCPeerConnection({
      iceServers: iceServers.map((server) => ({
        urls: server.urls,
        username: server.username,
        credential: server.credential,
      })),
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
    });
    const track = mic.clone();
    // addTrack, not addTransceiver: only addTrack's transceivers are matched to a remote
    // offer's m-line (JSEP 5.10); otherwise an incoming call would be answered recvonly.
    const sender = pc.addTrack(track, new MediaStream([track]));
    const transceiver = pc.getTransceivers().find((t) => t.sender === sender);
    if (!transceiver) throw new Error('No transceiver for the microphone');
    const remote = new MediaStream();
    const audio = new Audio();
    audio.autoplay = true;
    audio.srcObject = remote;
    if (this.#devices.outputId) await audio.setSinkId(this.#devices.outputId).catch(() => undefined);
    pc.addEventListener('connectionstatechange', () => {
      const state = pc.connectionState;
      // The signaling side restarts ICE on a failure and ends a call whose media never comes back.
      if (state === 'connected' || state === 'disconnected' || state === 'failed') {
        void this.#api
          .call('media.connectionState', { engineId: this.#engineId, lineId, state })
          .catch(() => undefined);
      }
    });
    pc.addEventListener('track', (event) => {
      remote.addTrack(event.track);
      void audio.play().catch(() => undefined);
    });
    const line: LineMedia = {
      pc,
      transceiver,
      mic: track,
      remote,
      audio,
      statsTotals: null,
      muted: false,
      held: false,
      beforeOffer: null,
    };
    this.#lines.set(lineId, line);
    return line;
  }

  async #createLocalDescription(
    lineId: string,
    hold: boolean,
    iceRestart: boolean,
    iceServers: PhoneAccount['iceServers'],
  ): Promise<string> {
    const line = await this.#line(lineId, iceServers);
    const { pc, transceiver } = line;
    if (pc.signalingState === 'have-remote-offer') {
      await pc.setLocalDescription(await pc.createAnswer());
    } else {
      line.beforeOffer = { direction: transceiver.direction, held: line.held };
      transceiver.direction = hold ? 'sendonly' : 'sendrecv';
      // On hold the customer must not hear the agent: silence (the PBX may play music instead).
      line.held = hold;
      line.mic.enabled = !hold && !line.muted;
      await pc.setLocalDescription(await pc.createOffer({ iceRestart }));
    }
    await gatheringEnough(pc);
    const sdp = pc.localDescription?.sdp;
    if (!sdp) throw new Error('No local description');
    return sdp;
  }

  async #setRemoteDescription(lineId: string, sdp: string, iceServers: PhoneAccount['iceServers']): Promise<void> {
    const line = this.#lines.get(lineId) ?? (await this.#line(lineId, iceServers));
    const type = line.pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
    await line.pc.setRemoteDescription({ type, sdp });
  }

  /** The far end refused our offer: back to the last agreed media, microphone included. */
  async #rollback(lineId: string): Promise<void> {
    const line = this.#lines.get(lineId);
    if (!line) return;
    if (line.pc.signalingState === 'have-local-offer') await line.pc.setLocalDescription({ type: 'rollback' });
    if (line.beforeOffer) {
      line.transceiver.direction = line.beforeOffer.direction;
      line.held = line.beforeOffer.held;
      line.mic.enabled = !line.muted && !line.held;
      line.beforeOffer = null;
    }
  }

  #setMuted(lineId: string, muted: boolean): void {
    const line = this.#lines.get(lineId);
    if (!line) return;
    line.muted = muted;
    line.mic.enabled = !muted && !line.held;
  }

  /**
   * Three-way conference: each party hears the agent and the other party. The
   * agent's microphone and the other line's remote audio are mixed into what
   * each line sends; the agent already hears both remotes.
   */
  async #setConference(lineIds: readonly string[] | null): Promise<void> {
    if (this.#mixer) {
      for (const id of this.#mixer.lineIds) {
        const line = this.#lines.get(id);
        if (line) await line.transceiver.sender.replaceTrack(line.mic);
      }
      await this.#mixer.context.close();
      this.#mixer = null;
    }
    if (lineIds === null || lineIds.length < 2) return;
    const context = new AudioContext();
    for (const id of lineIds) {
      const line = this.#lines.get(id);
      if (!line) continue;
      const destination = context.createMediaStreamDestination();
      context.createMediaStreamSource(new MediaStream([line.mic])).connect(destination);
      for (const otherId of lineIds) {
        const other = this.#lines.get(otherId);
        if (other && otherId !== id && other.remote.getAudioTracks().length > 0) {
          context.createMediaStreamSource(other.remote).connect(destination);
        }
      }
      const mixed = destination.stream.getAudioTracks()[0];
      if (mixed) await line.transceiver.sender.replaceTrack(mixed);
    }
    this.#mixer = { context, lineIds };
  }

  #close(lineId: string): void {
    this.#closed.add(lineId);
    const line = this.#lines.get(lineId);
    if (!line) return;
    this.#lines.delete(lineId);
    line.pc.close();
    line.mic.stop();
    line.audio.srcObject = null;
    if (this.#lines.size === 0 && this.#mic) {
      // Release the microphone between calls (the OS shows it in use otherwise).
      void this.#mic.then((stream) => stream.getTracks().forEach((t) => t.stop()));
      this.#mic = undefined;
    }
  }

  // ── devices ──────────────────────────────────────────────────────────────

  /**
   * Switches devices, mid-call too: a new microphone track replaces the old one
   * on every line (replaceTrack, no renegotiation), voice processing included.
   */
  async setDevices(devices: DevicePreferences): Promise<void> {
    const inputChanged = devices.inputId !== this.#devices.inputId;
    this.#devices = devices;
    for (const line of this.#lines.values()) {
      if (devices.outputId) await line.audio.setSinkId(devices.outputId).catch(() => undefined);
    }
    if (!inputChanged || this.#lines.size === 0) {
      if (inputChanged) this.#mic = undefined;
      return;
    }
    const old = this.#mic;
    this.#mic = undefined;
    const track = (await this.#microphone()).getAudioTracks()[0];
    if (!track) return;
    for (const line of this.#lines.values()) {
      const copy = track.clone();
      copy.enabled = !line.muted && !line.held;
      await line.transceiver.sender.replaceTrack(copy);
      line.mic.stop();
      line.mic = copy;
    }
    void old?.then((stream) => stream.getTracks().forEach((t) => t.stop()));
  }

  /**
   * Resolves with performance.now() at the first inbound RTP packet on a line,
   * polling getStats every few milliseconds. Exposed to benchmarks only.
   */
  async whenInboundAudio(lineId: string, timeoutMs = 10_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const line = this.#lines.get(lineId);
      const report = line ? await line.pc.getStats().catch(() => undefined) : undefined;
      let packets = 0;
      report?.forEach((entry: Record<string, unknown>) => {
        if (entry.type === 'inbound-rtp' && entry.kind === 'audio') packets += Number(entry.packetsReceived ?? 0);
      });
      if (packets > 0) return performance.now();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`No inbound audio on ${lineId}`);
  }

  // ── quality ──────────────────────────────────────────────────────────────

  async #reportStats(): Promise<void> {
    for (const [lineId, line] of this.#lines) {
      if (line.pc.connectionState === 'closed') continue;
      const report = await line.pc.getStats().catch(() => undefined);
      if (!report) continue;
      const { quality, totals } = qualityFromStats(report, line.statsTotals);
      line.statsTotals = totals;
      if (quality.inboundBytes === 0 && quality.outboundBytes === 0) continue;
      await this.#api
        .call('media.reportStats', { engineId: this.#engineId, lineId, quality: quality satisfies CallQuality })
        .catch(() => undefined);
    }
  }
}

/**
 * Answering must not wait out sip.js's 5 s gathering timeout: stop once we have
 * a host candidate and, when STUN/TURN is configured, a server-reflexive one;
 * otherwise 300 ms after the first candidate, whichever comes first.
 */
export function gatheringEnough(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  const urls = (pc.getConfiguration().iceServers ?? []).flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]));
  // Without trickle ICE the SDP carries only what we have: with TURN configured, wait for a relay.
  const wantsRelay = urls.some((u) => /^turns?:/i.test(u));
  const wantsReflexive = urls.some((u) => /^stuns?:/i.test(u));
  return new Promise((resolve) => {
    let host = false;
    let reflexive = false;
    let relay = false;
    let firstCandidateTimer: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      clearTimeout(firstCandidateTimer);
      clearTimeout(safety);
      pc.removeEventListener('icecandidate', onCandidate);
      pc.removeEventListener('icegatheringstatechange', onState);
      resolve();
    };
    const onCandidate = (event: RTCPeerConnectionIceEvent): void => {
      if (event.candidate === null) return finish();
      if (event.candidate.type === 'host') host = true;
      if (event.candidate.type === 'srflx') reflexive = true;
      if (event.candidate.type === 'relay') relay = true;
      if (host && (wantsRelay ? relay : !wantsReflexive || reflexive)) return finish();
      firstCandidateTimer ??= setTimeout(finish, 300);
    };
    const onState = (): void => {
      if (pc.iceGatheringState === 'complete') finish();
    };
    // No candidate at all (no network): give the SDP as it is rather than hang.
    const safety = setTimeout(finish, 2000);
    pc.addEventListener('icecandidate', onCandidate);
    pc.addEventListener('icegatheringstatechange', onState);
  });
}
