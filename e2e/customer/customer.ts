/// <reference lib="dom" />
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  SIPExtension,
  UserAgent,
  Web,
  type Referral,
  type Session,
} from 'sip.js';

/**
 * The customer's softphone in end-to-end tests: a real sip.js user agent in
 * Chromium with real WebRTC audio (the fake microphone plays a WAV file),
 * registered at the test Kamailio. Tests drive and observe it through
 * `window.customer` (see CustomerApi).
 *
 * Query: ?ws=ws://127.0.0.1:PORT&user=2001&password=pw2001[&domain=127.0.0.1][&answer=auto|manual]
 */

export interface CustomerStats {
  inboundBytes: number;
  outboundBytes: number;
  audioLevel: number;
  packetsReceived: number;
}

export interface CustomerApi {
  /** Resolves once registered; rejects with the reason otherwise. */
  readonly ready: Promise<void>;
  /** `target` is a SIP URI or a bare user at the configured domain. Resolves when the INVITE is sent. */
  call(target: string, extraHeaders?: string[]): Promise<void>;
  /** Accepts the ringing incoming call (answer=manual). */
  answer(): Promise<void>;
  /** Cancels, rejects or ends the current call, whichever fits its state. */
  hangup(): Promise<void>;
  /** 'none' before any call, else the sip.js SessionState of the current call. */
  state(): string;
  incomingCount(): number;
  /** X-* headers of the last incoming INVITE, names as written on the wire. */
  headers(): Record<string, string>;
  stats(): Promise<CustomerStats>;
  /** Direction of the audio in the latest remote SDP, 'none' without one (hold shows as sendonly/inactive). */
  remoteDirection(): string;
}

declare global {
  interface Window {
    customer: CustomerApi;
  }
}

const params = new URLSearchParams(location.search);
const wsServer = params.get('ws') ?? '';
const user = params.get('user') ?? '';
const password = params.get('password') ?? '';
const domain = params.get('domain') ?? '127.0.0.1';
const autoAnswer = (params.get('answer') ?? 'auto') !== 'manual';

const audioOnly = { constraints: { audio: true, video: false } };

const statusLine = document.createElement('p');
statusLine.id = 'status';
const remoteAudio = document.createElement('audio');
remoteAudio.autoplay = true;
document.body.append(statusLine, remoteAudio);

let registration = 'Starting';
let current: Session | undefined;
let incoming = 0;
let lastHeaders: Record<string, string> = {};
let lastStats: CustomerStats = { inboundBytes: 0, outboundBytes: 0, audioLevel: 0, packetsReceived: 0 };

function render(): void {
  const call = current ? current.state : 'no call';
  statusLine.textContent =
    `Customer ${user}@${domain} · ${registration} · ${call} · incoming ${incoming}` +
    ` · audio in ${lastStats.inboundBytes} B, out ${lastStats.outboundBytes} B, level ${lastStats.audioLevel.toFixed(3)}`;
}

function webSdh(session: Session | undefined): Web.SessionDescriptionHandler | undefined {
  const sdh = session?.sessionDescriptionHandler;
  return sdh instanceof Web.SessionDescriptionHandler ? sdh : undefined;
}

/** Makes `session` the current call and plays its remote audio once media is up. */
function track(session: Session): void {
  current = session;
  session.delegate = { onRefer: (referral) => void followRefer(referral) };
  session.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      const sdh = webSdh(session);
      if (sdh) {
        remoteAudio.srcObject = sdh.remoteMediaStream;
        // Autoplay is allowed by the launch flags; a refusal only means no playout, not no RTP.
        remoteAudio.play().catch(() => undefined);
      }
    }
    render();
  });
  render();
}

/** Like a desk phone: accept the transfer, then call the target (with Replaces for an attended transfer). */
async function followRefer(referral: Referral): Promise<void> {
  await referral.accept();
  const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: audioOnly });
  track(inviter);
  await inviter.invite();
}

function xHeaders(invitation: Invitation): Record<string, string> {
  // The raw message keeps the sender's casing; sip.js's parsed map normalizes names (X-Seatdesk-…).
  const result: Record<string, string> = {};
  const head = invitation.request.data.split(/\r?\n\r?\n/)[0] ?? '';
  for (const line of head.split(/\r?\n/)) {
    const match = /^(X-[^:\s]+)\s*:\s*(.*)$/i.exec(line);
    if (match?.[1] && match[2] !== undefined) result[match[1]] = match[2].trim();
  }
  return result;
}

function onInvite(invitation: Invitation): void {
  incoming += 1;
  lastHeaders = xHeaders(invitation);
  track(invitation);
  // An INVITE with Replaces completes an attended transfer: a phone takes it without ringing.
  if (autoAnswer || invitation.request.hasHeader('Replaces')) {
    invitation.accept({ sessionDescriptionHandlerOptions: audioOnly }).catch((error: unknown) => {
      console.error('customer: accept failed', error);
    });
  }
}

const userAgent = new UserAgent({
  uri: UserAgent.makeURI(`sip:${user}@${domain}`),
  authorizationUsername: user,
  authorizationPassword: password,
  transportOptions: { server: wsServer },
  sipExtensionReplaces: SIPExtension.Supported,
  logLevel: 'warn',
  sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(),
  sessionDescriptionHandlerFactoryOptions: {
    // Loopback host candidates arrive at once; without a limit sip.js waits up to 5 s for
    // gathering to end. No STUN servers: the test network has none.
    iceGatheringTimeout: 500,
    peerConnectionConfiguration: { iceServers: [] },
  },
  delegate: { onInvite },
});

async function register(): Promise<void> {
  if (!wsServer || !user) throw new Error('customer page needs ?ws=…&user=…&password=… in its URL');
  if (!UserAgent.makeURI(`sip:${user}@${domain}`)) throw new Error(`customer: bad SIP identity ${user}@${domain}`);
  try {
    await userAgent.start();
  } catch (error) {
    throw new Error(`customer ${user}: cannot connect to ${wsServer}: ${String(error)}`, { cause: error });
  }
  const registerer = new Registerer(userAgent, { expires: 300 });
  await new Promise<void>((resolve, reject) => {
    registerer.stateChange.addListener((state) => {
      registration = state;
      render();
      if (state === RegistererState.Registered) resolve();
      if (state === RegistererState.Terminated) reject(new Error(`customer ${user}: registerer terminated`));
    });
    registerer
      .register({
        requestDelegate: {
          onReject: (response) =>
            reject(
              new Error(
                `customer ${user}: REGISTER rejected ${response.message.statusCode} ${response.message.reasonPhrase}`,
              ),
            ),
        },
      })
      .catch(reject);
  });
}

function targetUri(target: string): ReturnType<typeof UserAgent.makeURI> {
  return UserAgent.makeURI(target.startsWith('sip:') ? target : `sip:${target}@${domain}`);
}

function parseDirection(sdp: string): string {
  // The audio section's attribute wins over a session-level one; none at all means sendrecv (RFC 3264).
  const [session = '', ...media] = sdp.split(/\r?\nm=/);
  const audio = media.find((section) => section.startsWith('audio')) ?? '';
  const find = (section: string): string | undefined =>
    /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(section)?.[1];
  return find(audio) ?? find(session) ?? 'sendrecv';
}

const ready = register();
// Observed by the test through window.customer.ready; this only keeps the console free of an unhandled rejection.
ready.catch((error: unknown) => {
  registration = `Failed: ${String(error)}`;
  render();
});

window.customer = {
  ready,
  async call(target, extraHeaders = []) {
    const uri = targetUri(target);
    if (!uri) throw new Error(`customer: bad target ${target}`);
    const inviter = new Inviter(userAgent, uri, { extraHeaders, sessionDescriptionHandlerOptions: audioOnly });
    track(inviter);
    await inviter.invite();
  },
  async answer() {
    if (!(current instanceof Invitation) || current.state !== SessionState.Initial)
      throw new Error(`customer: no ringing call to answer (state ${current?.state ?? 'none'})`);
    await current.accept({ sessionDescriptionHandlerOptions: audioOnly });
  },
  async hangup() {
    const session = current;
    if (!session) return;
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) await session.cancel();
        else if (session instanceof Invitation) await session.reject();
        return;
      case SessionState.Established:
        await session.bye();
        return;
      default:
        return;
    }
  },
  state: () => current?.state ?? 'none',
  incomingCount: () => incoming,
  headers: () => ({ ...lastHeaders }),
  async stats() {
    const result: CustomerStats = { inboundBytes: 0, outboundBytes: 0, audioLevel: 0, packetsReceived: 0 };
    const pc = webSdh(current)?.peerConnection;
    if (!pc || pc.connectionState === 'closed') return result;
    const report = await pc.getStats();
    report.forEach((entry: RTCStats) => {
      if (entry.type === 'inbound-rtp') {
        const inbound = entry as RTCInboundRtpStreamStats;
        if (inbound.kind !== 'audio') return;
        result.inboundBytes += inbound.bytesReceived ?? 0;
        result.packetsReceived += inbound.packetsReceived ?? 0;
        result.audioLevel = Math.max(result.audioLevel, inbound.audioLevel ?? 0);
      } else if (entry.type === 'outbound-rtp') {
        const outbound = entry as RTCOutboundRtpStreamStats;
        if (outbound.kind === 'audio') result.outboundBytes += outbound.bytesSent ?? 0;
      }
    });
    lastStats = result;
    render();
    return result;
  },
  remoteDirection() {
    const sdp = webSdh(current)?.peerConnection?.remoteDescription?.sdp;
    return sdp ? parseDirection(sdp) : 'none';
  },
};

render();
// Keeps the status line's byte counters moving for screenshots.
setInterval(() => void window.customer.stats(), 1000);
