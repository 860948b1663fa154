import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  type Session,
  type URI,
} from 'sip.js';
import { SIPExtension } from 'sip.js/lib/api/user-agent-options.js';
import type { LogConnector } from 'sip.js/lib/api/user-agent-options.js';
import { ApiError } from '../../shared/api/errors';
import { isDtmf, parseDialString, targetUri } from '../../shared/softphone/dial-string';
import {
  maxLines,
  type CallQuality,
  type QualitySummary,
  type Line,
  type PhoneAccount,
  type Registration,
  type SoftphoneState,
} from '../../shared/softphone/types';
import type { Logger } from '../log/logger';
import { bridgedSdhFactory } from './bridged-sdh';
import type { MediaBridge } from './media-bridge';
import { NodeWsTransport } from './node-ws-transport';

/** What the call history keeps of a call once it ends. */
export interface CallRecord {
  readonly lineId: string;
  readonly slot: number;
  readonly direction: 'inbound' | 'outbound';
  readonly remoteNumber: string;
  readonly remoteName: string | null;
  readonly localNumber: string;
  readonly queue: string | null;
  readonly customerId: string | null;
  readonly sipCallId: string;
  readonly startedAt: number;
  readonly answeredAt: number | null;
  readonly endedAt: number;
  readonly holdSeconds: number;
  readonly hangupBy: 'local' | 'remote' | 'system';
  readonly cause: string;
  readonly quality: QualitySummary | null;
}

export interface SipPhoneOptions {
  readonly account: PhoneAccount;
  readonly password: string;
  readonly media: MediaBridge;
  readonly log: Logger;
  readonly now?: () => number;
  readonly random?: () => number;
  /** OPTIONS to the server this often while connected… */
  readonly keepaliveMs?: number;
  /** …and a missing answer after this long means the transport is dead. */
  readonly keepaliveTimeoutMs?: number;
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  /** A call whose media stays failed this long after an ICE restart is hung up. */
  readonly mediaFailureHangupMs?: number;
  readonly userAgentString?: string;
}

interface LineRuntime {
  line: Line;
  readonly session: Session;
  /** Resolves when the dialog is confirmed: our ACK sent (outbound) or theirs received (inbound). */
  readonly acknowledged: Promise<void>;
  acknowledge(): void;
  holdSince: number | null;
  holdSeconds: number;
  hangupBy: CallRecord['hangupBy'] | null;
  autoAnswer: NodeJS.Timeout | null;
  quality: QualitySummary | null;
  /** Set while the media connection is failed: hangs up unless it recovers. */
  mediaFailure: NodeJS.Timeout | null;
}

type Listener<T> = (value: T) => void;

/** The part of a final response the retry logic reads. */
interface RejectResponse {
  readonly message: {
    readonly statusCode?: number;
    readonly reasonPhrase?: string;
    getHeader(name: string): string | undefined;
  };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const headerAllowList = /^(x-[\w-]+|call-info|answer-mode|alert-info|p-asserted-identity)$/i;

/**
 * One SIP account: a sip.js UserAgent and Registerer on a WebSocket transport,
 * and up to four lines. It owns reconnection (exponential backoff with jitter,
 * 1 s to 30 s), an OPTIONS keepalive that notices a dead transport within
 * keepaliveMs + keepaliveTimeoutMs, a fresh REGISTER after every reconnect
 * (never two in flight), and ICE-restart re-INVITEs for calls that survived.
 * Media stays behind the MediaBridge.
 */
export class SipPhone {
  readonly #options: Required<Omit<SipPhoneOptions, 'userAgentString'>> & { userAgentString: string };
  readonly #log: Logger;
  readonly #lines = new Map<string, LineRuntime>();
  readonly #lineOfSession = new WeakMap<Session, string>();
  readonly #changeListeners = new Set<Listener<SoftphoneState>>();
  readonly #incomingListeners = new Set<Listener<Line>>();
  readonly #endedListeners = new Set<Listener<CallRecord>>();
  readonly #transport: { current: NodeWsTransport | undefined } = { current: undefined };
  #ua: UserAgent | undefined;
  #registerer: Registerer | undefined;
  #registration: Registration = { state: 'unregistered', reason: null, detail: null, retryAt: null };
  /** A REGISTER is in flight (sip.js keeps its own flag private). */
  #registerInFlight = false;
  #registerAgain = false;
  #abandonRegister: (() => void) | undefined;
  #registerTimer: NodeJS.Timeout | undefined;
  /** Counts transport connections, so late timers of an old one leave the new one alone. */
  #connection = 0;
  #registerAttempt = 0;
  /** The current Registerer waits on a dead transaction and must be replaced. */
  #registererStale = false;
  #reconnectAttempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #keepaliveTimer: NodeJS.Timeout | undefined;
  #stopped = false;
  #lineCounter = 0;
  /** Set after a transport loss while calls were up: they get an ICE restart once registered. */
  #needsIceRestart = false;

  constructor(options: SipPhoneOptions) {
    this.#options = {
      now: Date.now,
      random: Math.random,
      keepaliveMs: 5000,
      keepaliveTimeoutMs: 4000,
      reconnectMinMs: 1000,
      reconnectMaxMs: 30_000,
      mediaFailureHangupMs: 15_000,
      userAgentString: 'SeatDesk',
      ...options,
    };
    this.#log = options.log;
  }

  // ── observation ──────────────────────────────────────────────────────────

  state(): SoftphoneState {
    return {
      registration: this.#registration,
      lines: [...this.#lines.values()].map((l) => l.line).sort((a, b) => a.slot - b.slot),
    };
  }

  onChange(listener: Listener<SoftphoneState>): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  onIncoming(listener: Listener<Line>): () => void {
    this.#incomingListeners.add(listener);
    return () => this.#incomingListeners.delete(listener);
  }

  onCallEnded(listener: Listener<CallRecord>): () => void {
    this.#endedListeners.add(listener);
    return () => this.#endedListeners.delete(listener);
  }

  #emit(): void {
    const snapshot = this.state();
    for (const listener of this.#changeListeners) listener(snapshot);
  }

  #setRegistration(next: Registration): void {
    this.#registration = next;
    this.#emit();
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  get #domain(): string {
    return this.#options.account.sipUri.replace(/^sips?:[^@]+@/i, '').replace(/:\d+$/, '');
  }

  get #user(): string {
    return /^sips?:([^@]+)@/i.exec(this.#options.account.sipUri)?.[1] ?? '';
  }

  /** Connects and registers. Resolves once the first attempt settled (registered or failed). */
  async start(): Promise<void> {
    const { account, password } = this.#options;
    const uri = UserAgent.makeURI(account.sipUri);
    if (uri === undefined) throw new ApiError('bad_request', `Invalid SIP URI ${account.sipUri}`);
    const sipLog = this.#log.child('sip.js');
    const logConnector: LogConnector = (level, category, _label, content) => {
      if (level === 'error') sipLog.warn(content, { category });
      else if (level === 'warn') sipLog.info(content, { category });
    };
    const transport = this.#transport;
    this.#ua = new UserAgent({
      uri,
      authorizationUsername: account.authUser,
      authorizationPassword: password,
      displayName: account.displayName || undefined,
      userAgentString: this.#options.userAgentString,
      transportConstructor: class extends NodeWsTransport {
        constructor(logger: ConstructorParameters<typeof NodeWsTransport>[0], options: { server: string }) {
          super(logger, options);
          transport.current = this;
        }
      },
      transportOptions: { server: account.server },
      // sip.js's own reconnection stays off (its default): this class reconnects
      // with backoff and jitter, without limit.
      sessionDescriptionHandlerFactory: bridgedSdhFactory(
        this.#observedMedia(),
        (session) => this.#lineOfSession.get(session) ?? 'unknown',
      ),
      sipExtensionReplaces: SIPExtension.Supported,
      // An outbound proxy is the first hop of every request (a preloaded Route, RFC 3261 §8.1.2).
      preloadedRouteSet: account.outboundProxy ? [`<${account.outboundProxy};lr>`] : [],
      logBuiltinEnabled: false,
      logConnector,
      logLevel: 'warn',
      delegate: {
        onConnect: () => this.#onConnected(),
        onDisconnect: (error) => this.#onDisconnected(error),
        onInvite: (invitation) => this.#onInvite(invitation),
      },
    });
    this.#registerer = this.#newRegisterer(this.#ua);

    this.#setRegistration({ state: 'registering', reason: null, detail: null, retryAt: null });
    try {
      await this.#ua.start();
    } catch (error) {
      this.#log.warn('SIP server not reachable', { server: account.server, error: (error as Error).message });
      this.#setRegistration({ state: 'failed', reason: 'transport', detail: (error as Error).message, retryAt: null });
      this.#scheduleReconnect();
      return;
    }
    await this.#register();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#registerTimer);
    clearInterval(this.#keepaliveTimer);
    for (const runtime of [...this.#lines.values()]) {
      await this.hangup(runtime.line.id).catch(() => undefined);
    }
    if (
      this.#registerer &&
      this.#registerer.state === RegistererState.Registered &&
      this.#transport.current?.isConnected()
    ) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        this.#registerer
          ?.unregister({ requestDelegate: { onAccept: () => resolve(), onReject: () => resolve() } })
          .catch(() => resolve())
          .finally(() => clearTimeout(timer));
      });
    }
    // sip.js waits for answers to its last requests; a dead server never sends them.
    await Promise.race([this.#ua?.stop().catch(() => undefined), delay(2000)]);
    this.#setRegistration({ state: 'unregistered', reason: null, detail: null, retryAt: null });
  }

  /** The network came back or the machine woke up: reconnect now instead of waiting out the backoff. */
  reconnectNow(): void {
    if (this.#stopped) return;
    if (this.#transport.current?.isConnected()) {
      void this.#register();
      return;
    }
    clearTimeout(this.#reconnectTimer);
    this.#reconnectAttempt = 0;
    void this.#reconnect();
  }

  #newRegisterer(ua: UserAgent): Registerer {
    const registerer = new Registerer(ua, { expires: this.#options.account.registerExpires, refreshFrequency: 90 });
    registerer.stateChange.addListener((state) => {
      if (registerer !== this.#registerer) return;
      if (state === RegistererState.Unregistered && this.#registration.state === 'registered' && !this.#stopped) {
        // sip.js's own refresh failed: nobody can call this agent now, so register again.
        this.#setRegistration({ state: 'unregistered', reason: null, detail: null, retryAt: null });
        this.#scheduleRegister(undefined, 'server', 'Registration refresh was refused');
      }
    });
    return registerer;
  }

  async #register(): Promise<void> {
    if (this.#registerer === undefined || this.#ua === undefined || this.#stopped) return;
    if (this.#registererStale) {
      // The old Registerer still waits (up to 32 s, Timer F) for an answer that died with the
      // transport, and sip.js refuses a new REGISTER meanwhile: start over with a fresh one.
      this.#registererStale = false;
      const old = this.#registerer;
      this.#registerer = this.#newRegisterer(this.#ua);
      void old.dispose().catch(() => undefined);
    }
    const registerer = this.#registerer;
    if (this.#registerInFlight) {
      // Never two REGISTERs in flight: send a fresh one once the current one is answered.
      this.#registerAgain = true;
      return;
    }
    this.#registerInFlight = true;
    if (this.#registration.state !== 'registered') {
      this.#setRegistration({ state: 'registering', reason: null, detail: null, retryAt: null });
    }
    await new Promise<void>((settled) => {
      let done = false;
      // A transport loss abandons this attempt: settle now, and ignore its late answer.
      this.#abandonRegister = () => {
        if (done) return;
        done = true;
        this.#registerInFlight = false;
        this.#registererStale = true;
        settled();
      };
      const resolve = (): void => {
        if (done) return;
        done = true;
        this.#registerInFlight = false;
        settled();
        if (this.#registerAgain) {
          this.#registerAgain = false;
          void this.#register();
        }
      };
      registerer
        .register({
          requestDelegate: {
            onAccept: () => {
              if (done) return;
              this.#registerAttempt = 0;
              clearTimeout(this.#registerTimer);
              // The Registerer may still think it is Registered from before a reconnect,
              // so its state does not change: the 200 itself is the signal.
              this.#setRegistration({ state: 'registered', reason: null, detail: null, retryAt: null });
              this.#restartIceIfNeeded();
              resolve();
            },
            onReject: (response) => {
              if (done) return;
              const { statusCode, reasonPhrase } = response.message;
              const reason =
                statusCode === 401 || statusCode === 407
                  ? 'auth'
                  : statusCode === 403
                    ? 'forbidden'
                    : statusCode === 408
                      ? 'timeout'
                      : 'server';
              const detail = `${statusCode} ${reasonPhrase}`;
              this.#log.warn('registration refused', { status: detail });
              this.#setRegistration({ state: 'failed', reason, detail, retryAt: null });
              // Wrong credentials will not fix themselves; an overloaded or slow server may.
              if (reason === 'server' || reason === 'timeout') {
                const retryAfter = Number(response.message.getHeader('Retry-After')?.split(/[\s;(]/)[0]);
                this.#scheduleRegister(Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined, reason, detail);
              }
              resolve();
            },
          },
        })
        .catch((error: Error) => {
          // sip.js still waits on an earlier REGISTER (its own refresh): start over with a fresh Registerer.
          this.#registererStale = true;
          this.#setRegistration({ state: 'failed', reason: 'transport', detail: error.message, retryAt: null });
          resolve();
          this.#scheduleRegister(undefined, 'transport', error.message);
        });
    });
  }

  /** Registers again later: after Retry-After when the server named it, else with backoff and jitter. */
  #scheduleRegister(afterMs: number | undefined, reason: Registration['reason'], detail: string): void {
    if (this.#stopped) return;
    clearTimeout(this.#registerTimer);
    this.#registerAttempt += 1;
    const delay =
      afterMs !== undefined
        ? Math.min(afterMs, this.#options.reconnectMaxMs * 10)
        : this.#backoff(this.#registerAttempt);
    this.#setRegistration({ state: 'failed', reason, detail, retryAt: this.#options.now() + delay });
    this.#registerTimer = setTimeout(() => void this.#register(), delay);
  }

  #onConnected(): void {
    this.#connection += 1;
    this.#reconnectAttempt = 0;
    clearInterval(this.#keepaliveTimer);
    this.#keepaliveTimer = setInterval(() => this.#keepalive(), this.#options.keepaliveMs);
  }

  #onDisconnected(error?: Error): void {
    clearInterval(this.#keepaliveTimer);
    if (this.#stopped || error === undefined) return;
    this.#log.warn('SIP transport lost', { error: error.message });
    this.#abandonRegister?.();
    for (const runtime of this.#lines.values()) {
      if (runtime.line.state === 'connected') {
        // Media may well still flow; the call gets an ICE restart once we are back.
        this.#needsIceRestart = true;
      } else {
        // A call being set up cannot finish without signaling; do not leave it hanging for 32 s.
        this.#endLocally(runtime, 'connection to the SIP server lost');
      }
    }
    this.#scheduleReconnect();
  }

  /**
   * Exponential backoff with "equal jitter" (half fixed, half random, so a floor
   * of phones does not retry in step), from reconnectMinMs up to reconnectMaxMs.
   */
  #backoff(attempt: number): number {
    const ceiling = Math.min(this.#options.reconnectMaxMs, this.#options.reconnectMinMs * 2 ** (attempt - 1));
    return ceiling / 2 + this.#options.random() * (ceiling / 2);
  }

  #scheduleReconnect(): void {
    if (this.#stopped) return;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectAttempt += 1;
    const delay = this.#backoff(this.#reconnectAttempt);
    const retryAt = this.#options.now() + delay;
    this.#setRegistration({
      state: 'failed',
      reason: 'transport',
      detail: 'Connection to the SIP server lost',
      retryAt,
    });
    this.#reconnectTimer = setTimeout(() => void this.#reconnect(), delay);
  }

  async #reconnect(): Promise<void> {
    if (this.#stopped || this.#ua === undefined) return;
    this.#setRegistration({ state: 'registering', reason: null, detail: null, retryAt: null });
    try {
      await this.#ua.reconnect();
    } catch (error) {
      this.#log.info('reconnect attempt failed', { attempt: this.#reconnectAttempt, error: (error as Error).message });
      this.#scheduleReconnect();
      return;
    }
    await this.#register();
  }

  #keepalive(): void {
    const ua = this.#ua;
    const transport = this.#transport.current;
    if (ua === undefined || transport === undefined || !transport.isConnected()) return;
    const target = UserAgent.makeURI(`sip:${this.#domain}`);
    if (target === undefined) return;
    const core = ua.userAgentCore;
    const message = core.makeOutgoingRequestMessage('OPTIONS', target, ua.configuration.uri, target, {});
    let answered = false;
    const connection = this.#connection;
    const timer = setTimeout(() => {
      // A probe sent on an earlier connection says nothing about this one.
      if (answered || this.#stopped || connection !== this.#connection) return;
      this.#log.warn('keepalive unanswered; dropping the transport', { timeoutMs: this.#options.keepaliveTimeoutMs });
      transport.abort();
    }, this.#options.keepaliveTimeoutMs);
    // Any final answer, even an error status, proves the server is alive.
    const alive = (): void => {
      answered = true;
      clearTimeout(timer);
    };
    core.request(message, { onAccept: alive, onReject: alive, onRedirect: alive });
  }

  #restartIceIfNeeded(): void {
    if (!this.#needsIceRestart) return;
    this.#needsIceRestart = false;
    for (const runtime of this.#lines.values()) {
      if (runtime.line.state !== 'connected') continue;
      this.#restartIce(runtime);
    }
  }

  /** Wraps the media bridge to notice the far end putting us on hold. */
  #observedMedia(): MediaBridge {
    const media = this.#options.media;
    return {
      createLocalDescription: (lineId, options) => media.createLocalDescription(lineId, options),
      setRemoteDescription: async (lineId, sdp) => {
        await media.setRemoteDescription(lineId, sdp);
        const runtime = this.#lines.get(lineId);
        if (runtime === undefined) return;
        const remoteHeld = /^a=(sendonly|inactive)\s*$/m.test(sdp);
        if (runtime.line.remoteHeld !== remoteHeld) this.#update(runtime, { remoteHeld });
      },
      rollback: (lineId) => media.rollback(lineId),
      sendDtmf: (lineId, tones) => media.sendDtmf(lineId, tones),
      setMuted: (lineId, muted) => media.setMuted(lineId, muted),
      setConference: (lineIds) => media.setConference(lineIds),
      close: (lineId) => media.close(lineId),
    };
  }

  // ── lines ────────────────────────────────────────────────────────────────

  #require(lineId: string): LineRuntime {
    const runtime = this.#lines.get(lineId);
    if (runtime === undefined) throw new ApiError('not_found', `No line ${lineId}`);
    return runtime;
  }

  #requireRegisteredUa(): UserAgent {
    if (this.#ua === undefined || !this.#transport.current?.isConnected()) {
      throw new ApiError('unavailable', 'The phone is not connected to the SIP server.');
    }
    return this.#ua;
  }

  #freeSlot(): number {
    const used = new Set([...this.#lines.values()].map((l) => l.line.slot));
    for (let slot = 1; slot <= maxLines; slot++) if (!used.has(slot)) return slot;
    throw new ApiError('conflict', `All ${maxLines} lines are in use.`);
  }

  #update(runtime: LineRuntime, patch: Partial<Line>): void {
    runtime.line = { ...runtime.line, ...patch };
    this.#emit();
  }

  #addLine(session: Session, line: Omit<Line, 'id' | 'slot'>): LineRuntime {
    const slot = this.#freeSlot();
    const id = `line-${++this.#lineCounter}-${this.#options.now().toString(36)}`;
    this.#lineOfSession.set(session, id);
    let acknowledge = (): void => undefined;
    const acknowledged = new Promise<void>((resolve) => (acknowledge = resolve));
    const runtime: LineRuntime = {
      line: { ...line, id, slot },
      session,
      acknowledged,
      acknowledge,
      holdSince: null,
      holdSeconds: 0,
      hangupBy: null,
      autoAnswer: null,
      quality: null,
      mediaFailure: null,
    };
    this.#lines.set(id, runtime);
    session.stateChange.addListener((state) => this.#onSessionState(runtime, state));
    return runtime;
  }

  #onSessionState(runtime: LineRuntime, state: SessionState): void {
    const now = this.#options.now();
    if (state === SessionState.Established) {
      // sip.js sends our ACK before reporting Established on an outbound call.
      if (runtime.line.direction === 'outbound') runtime.acknowledge();
      this.#update(runtime, { state: 'connected', answeredAt: runtime.line.answeredAt ?? now, waiting: false });
    } else if (state === SessionState.Terminated) {
      // sip.js reports Terminated before it hands the final response to the request
      // delegate; finish on the next turn so the cause (486, 404…) is known.
      setImmediate(() => this.#finish(runtime));
    }
  }

  /** Sends an in-dialog re-INVITE with new ICE credentials (the network changed under the call). */
  #restartIce(runtime: LineRuntime): void {
    void this.#inDialog(runtime, 'ICE restart', (delegate) => {
      runtime.session.sessionDescriptionHandlerOptionsReInvite = {
        hold: runtime.line.held,
        offerOptions: { iceRestart: true },
      } as object;
      return runtime.session.invite({ requestDelegate: delegate });
    }).catch((error: Error) => this.#log.warn('ICE restart failed', { line: runtime.line.id, error: error.message }));
  }

  /** Ends a line here and now, without the far end's help (it is gone, or no longer knows the call). */
  #endLocally(runtime: LineRuntime, reason: string): void {
    runtime.hangupBy = 'system';
    runtime.line = { ...runtime.line, endReason: reason };
    this.#finish(runtime);
    void runtime.session.dispose().catch(() => undefined);
  }

  /** Ends a line once (sip.js may report Terminated after we already ended it ourselves). */
  #finish(runtime: LineRuntime): void {
    if (this.#lines.get(runtime.line.id) !== runtime) return;
    {
      const now = this.#options.now();
      if (runtime.autoAnswer) clearTimeout(runtime.autoAnswer);
      if (runtime.mediaFailure) clearTimeout(runtime.mediaFailure);
      this.#lines.delete(runtime.line.id);
      if (runtime.holdSince !== null) runtime.holdSeconds += (now - runtime.holdSince) / 1000;
      const cause =
        runtime.line.endReason ??
        (runtime.line.answeredAt === null
          ? runtime.line.direction === 'inbound'
            ? 'cancelled'
            : 'no answer'
          : 'normal clearing');
      const record: CallRecord = {
        lineId: runtime.line.id,
        slot: runtime.line.slot,
        direction: runtime.line.direction,
        remoteNumber: runtime.line.remote.number,
        remoteName: runtime.line.remote.displayName,
        localNumber: this.#user,
        queue: runtime.line.queue,
        customerId: runtime.line.customerId,
        sipCallId: runtime.line.sipCallId,
        startedAt: runtime.line.startedAt,
        answeredAt: runtime.line.answeredAt,
        endedAt: now,
        holdSeconds: Math.round(runtime.holdSeconds),
        hangupBy: runtime.hangupBy ?? 'remote',
        cause,
        quality: runtime.quality,
      };
      // A conference partner left: the remaining line is an ordinary call again.
      const partner = runtime.line.conferenceWith ? this.#lines.get(runtime.line.conferenceWith) : undefined;
      if (partner) {
        this.#options.media.setConference(null);
        partner.line = { ...partner.line, conferenceWith: null };
      }
      // History first, so whoever reacts to the new state finds the record.
      for (const listener of this.#endedListeners) listener(record);
      this.#emit();
    }
  }

  #headersOf(invitation: Invitation): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, values] of Object.entries(invitation.request.headers)) {
      if (headerAllowList.test(name) && values[0]) headers[name] = values[0].raw;
    }
    return headers;
  }

  #onInvite(invitation: Invitation): void {
    const { account } = this.#options;
    if (this.#lines.size >= maxLines) {
      void invitation.reject({ statusCode: 486 });
      return;
    }
    const headers = this.#headersOf(invitation);
    const identity = invitation.remoteIdentity;
    const busy = [...this.#lines.values()].some((l) => l.line.state === 'connected');
    const runtime = this.#addLine(invitation, {
      direction: 'inbound',
      state: 'ringing',
      held: false,
      remoteHeld: false,
      muted: false,
      remote: {
        uri: identity.uri.toString(),
        number: identity.uri.user ?? '',
        displayName: identity.displayName || null,
      },
      queue: invitation.request.getHeader(account.queueHeader) ?? null,
      customerId: invitation.request.getHeader(account.customerHeader) ?? null,
      headers,
      sipCallId: invitation.request.callId,
      startedAt: this.#options.now(),
      answeredAt: null,
      endedAt: null,
      waiting: busy,
      consultFor: null,
      conferenceWith: null,
      endReason: null,
      quality: null,
    });
    invitation.delegate = {
      onCancel: () => {
        runtime.line = { ...runtime.line, endReason: 'cancelled' };
      },
      // Until the caller's ACK arrives it may not know the call is up: in-dialog
      // requests sent earlier are dropped (RFC 5407 §3.1.4), so they wait for it.
      onAck: () => runtime.acknowledge(),
    };
    void invitation.progress({ statusCode: 180 }).catch(() => undefined);
    this.#emit();
    for (const listener of this.#incomingListeners) listener(runtime.line);

    const delay = this.#autoAnswerDelay(invitation);
    if (delay !== null && !busy) {
      runtime.autoAnswer = setTimeout(() => {
        // Another call may have been answered meanwhile: auto-answer only an idle phone.
        if ([...this.#lines.values()].some((l) => l !== runtime && l.line.state === 'connected')) return;
        void this.answer(runtime.line.id).catch(() => undefined);
      }, delay * 1000);
    }
  }

  /** Seconds until auto-answer, or null when this call must ring. */
  #autoAnswerDelay(invitation: Invitation): number | null {
    const { mode, delaySeconds } = this.#options.account.autoAnswer;
    if (mode === 'off') return null;
    if (mode === 'always') return delaySeconds;
    const answerMode = invitation.request.getHeader('Answer-Mode');
    if (answerMode && /^auto\b/i.test(answerMode.trim())) return delaySeconds;
    const callInfo = invitation.request.getHeader('Call-Info');
    const after = callInfo ? /answer-after=(\d+)/i.exec(callInfo) : null;
    return after ? Number(after[1]) : null;
  }

  async dial(input: string, options: { extraHeaders?: readonly string[]; consultFor?: string } = {}): Promise<string> {
    const parsed = parseDialString(input);
    if (!parsed.ok) throw new ApiError('bad_request', `Cannot dial "${input}": ${parsed.reason}`);
    const ua = this.#requireRegisteredUa();
    const uri = UserAgent.makeURI(targetUri(parsed.target, this.#domain));
    if (uri === undefined) throw new ApiError('bad_request', `Cannot dial "${input}": invalid_uri`);
    this.#freeSlot();
    const inviter = new Inviter(ua, uri, { extraHeaders: [...(options.extraHeaders ?? [])] });
    const runtime = this.#addLine(inviter, {
      direction: 'outbound',
      state: 'dialing',
      held: false,
      remoteHeld: false,
      muted: false,
      remote: {
        uri: uri.toString(),
        number: parsed.target.kind === 'number' ? parsed.target.number : parsed.target.user,
        displayName: null,
      },
      queue: null,
      customerId: null,
      headers: {},
      sipCallId: inviter.request.callId,
      startedAt: this.#options.now(),
      answeredAt: null,
      endedAt: null,
      waiting: false,
      consultFor: options.consultFor ?? null,
      conferenceWith: null,
      endReason: null,
      quality: null,
    });
    this.#emit();
    await inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            if ((response.message.statusCode ?? 0) >= 180 && runtime.line.state === 'dialing')
              this.#update(runtime, { state: 'early' });
          },
          onReject: (response) => {
            runtime.line = {
              ...runtime.line,
              endReason: `${response.message.statusCode} ${response.message.reasonPhrase}`,
            };
          },
        },
      })
      .catch((error: Error) => {
        runtime.line = { ...runtime.line, endReason: error.message };
      });
    return runtime.line.id;
  }

  async answer(lineId: string): Promise<void> {
    const runtime = this.#require(lineId);
    if (!(runtime.session instanceof Invitation) || runtime.line.state !== 'ringing') {
      throw new ApiError('conflict', 'Only a ringing incoming call can be answered.');
    }
    if (runtime.autoAnswer) clearTimeout(runtime.autoAnswer);
    // Answering one call holds the one in progress (call waiting).
    for (const other of this.#lines.values()) {
      if (
        other !== runtime &&
        other.line.state === 'connected' &&
        !other.line.held &&
        other.line.conferenceWith === null
      ) {
        try {
          await this.hold(other.line.id, true);
        } catch (error) {
          // Never let two customers hear the agent: no hold, no second call.
          throw new ApiError('conflict', `The current call could not be put on hold: ${(error as Error).message}`);
        }
      }
    }
    await runtime.session.accept();
  }

  async reject(lineId: string): Promise<void> {
    const runtime = this.#require(lineId);
    if (!(runtime.session instanceof Invitation) || runtime.line.state !== 'ringing') {
      throw new ApiError('conflict', 'Only a ringing incoming call can be rejected.');
    }
    runtime.hangupBy = 'local';
    runtime.line = { ...runtime.line, endReason: 'rejected (486 Busy Here)' };
    await runtime.session.reject({ statusCode: 486 });
  }

  async hangup(lineId: string): Promise<void> {
    const runtime = this.#require(lineId);
    runtime.hangupBy = 'local';
    const session = runtime.session;
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) {
          runtime.line = { ...runtime.line, endReason: 'cancelled by agent' };
          await session.cancel();
        } else if (session instanceof Invitation) {
          runtime.line = { ...runtime.line, endReason: 'rejected (486 Busy Here)' };
          await session.reject({ statusCode: 486 });
        }
        return;
      case SessionState.Established:
        await session.bye();
        return;
      default:
        return;
    }
  }

  async hold(lineId: string, hold: boolean): Promise<void> {
    const runtime = this.#require(lineId);
    if (runtime.line.state !== 'connected') throw new ApiError('conflict', 'Only a connected call can be put on hold.');
    if (runtime.line.held === hold) return;
    const session = runtime.session;
    await this.#inDialog(runtime, 'hold', (delegate) => {
      session.sessionDescriptionHandlerOptionsReInvite = { hold } as object;
      return session.invite({ requestDelegate: delegate });
    });
    const now = this.#options.now();
    if (hold) runtime.holdSince = now;
    else if (runtime.holdSince !== null) {
      runtime.holdSeconds += (now - runtime.holdSince) / 1000;
      runtime.holdSince = null;
    }
    this.#update(runtime, { held: hold });
  }

  mute(lineId: string, muted: boolean): void {
    const runtime = this.#require(lineId);
    this.#options.media.setMuted(lineId, muted);
    this.#update(runtime, { muted });
  }

  async dtmf(lineId: string, tones: string): Promise<void> {
    const runtime = this.#require(lineId);
    if (!isDtmf(tones)) throw new ApiError('bad_request', `Not DTMF: ${tones}`);
    if (runtime.line.state !== 'connected') throw new ApiError('conflict', 'DTMF needs a connected call.');
    if (this.#options.account.dtmfMode === 'rfc4733') {
      const sent = runtime.session.sessionDescriptionHandler?.sendDtmf(tones);
      if (!sent) throw new ApiError('unavailable', 'The media engine could not send the tones.');
      return;
    }
    for (const tone of tones.replace(/,/g, '')) {
      await this.#inDialog(runtime, 'DTMF', (delegate) =>
        runtime.session.info({
          requestDelegate: delegate,
          requestOptions: {
            body: {
              contentDisposition: 'render',
              contentType: 'application/dtmf-relay',
              content: `Signal=${tone}\r\nDuration=160`,
            },
          },
        }),
      );
    }
  }

  /** Blind transfer: REFER the other side to the target, then leave the call. */
  async blindTransfer(lineId: string, target: string): Promise<void> {
    const runtime = this.#require(lineId);
    const parsed = parseDialString(target);
    if (!parsed.ok) throw new ApiError('bad_request', `Cannot transfer to "${target}": ${parsed.reason}`);
    const uri = UserAgent.makeURI(targetUri(parsed.target, this.#domain));
    if (uri === undefined) throw new ApiError('bad_request', `Cannot transfer to "${target}"`);
    // Blind transfer is fire-and-forget, as on a desk phone: the agent is free once it is accepted.
    await this.#refer(runtime, uri, false);
  }

  /** Attended transfer, step one: hold the caller and call the target on a new line. */
  async consult(lineId: string, target: string): Promise<string> {
    const runtime = this.#require(lineId);
    if (!runtime.line.held) await this.hold(lineId, true);
    return this.dial(target, { consultFor: lineId });
  }

  /** Attended transfer, step two: REFER the caller to the consulted party with Replaces. */
  async completeTransfer(lineId: string, consultLineId: string): Promise<void> {
    const runtime = this.#require(lineId);
    const consult = this.#require(consultLineId);
    if (consult.line.state !== 'connected') throw new ApiError('conflict', 'The consulted party has not answered.');
    // Attended: the caller stays with us until the transfer target really took them.
    await this.#refer(runtime, consult.session, true);
  }

  async #refer(runtime: LineRuntime, target: URI | Session, waitForOutcome: boolean): Promise<void> {
    let settle: (status: number) => void = () => undefined;
    const outcome = new Promise<number>((resolve) => (settle = resolve));
    await this.#inDialog(runtime, 'transfer', (delegate) =>
      runtime.session.refer(target, {
        requestDelegate: delegate,
        // The transferee reports its call to the target in NOTIFYs carrying a status line (RFC 3515).
        onNotify: (notification) => {
          void notification.accept().catch(() => undefined);
          const status = Number(/^SIP\/2\.0 (\d{3})/m.exec(notification.request.body)?.[1]);
          if (status >= 200) settle(status);
        },
      }),
    );
    if (waitForOutcome) {
      // Some PBXs never report: after 10 s without a verdict, treat it as done.
      const status = await Promise.race([outcome, delay(10_000).then(() => 200)]);
      if (status >= 300) {
        throw new ApiError('conflict', `The transfer failed (${status}); the caller is still on your line.`);
      }
    }
    runtime.hangupBy = 'local';
    runtime.line = { ...runtime.line, endReason: 'transferred' };
    // The transferee now calls the target; our leg is done.
    if (runtime.session.state === SessionState.Established) await runtime.session.bye().catch(() => undefined);
  }

  /**
   * Sends an in-dialog request once the dialog is confirmed, and sends it again
   * when the far end asks: 491 Request Pending (glare, RFC 3261 §14.1: wait
   * 2.1–4 s if we own the Call-ID, else 0–2 s) or 500 with Retry-After (it was
   * still busy with the previous transaction, RFC 5407).
   */
  async #inDialog(
    runtime: LineRuntime,
    what: string,
    send: (delegate: { onAccept: () => void; onReject: (response: RejectResponse) => void }) => Promise<unknown>,
  ): Promise<void> {
    await Promise.race([runtime.acknowledged, delay(2000)]);
    for (let attempt = 1; ; attempt++) {
      const outcome = await new Promise<'accepted' | RejectResponse>((resolve, reject) => {
        send({ onAccept: () => resolve('accepted'), onReject: (response) => resolve(response) }).catch((error: Error) =>
          reject(new ApiError('conflict', `${what} failed: ${error.message}`)),
        );
      });
      if (outcome === 'accepted') return;
      const { statusCode = 0, reasonPhrase = '' } = outcome.message;
      if (statusCode === 481 || statusCode === 408) {
        // The far end no longer knows this call (RFC 5057): it is over, whatever our state says.
        this.#endLocally(runtime, `${statusCode} ${reasonPhrase}`.trim());
        throw new ApiError('not_found', `The call has ended: ${statusCode} ${reasonPhrase}`.trim());
      }
      const retryAfter = Number(outcome.message.getHeader('Retry-After')?.split(/[\s;(]/)[0]);
      const retryMs =
        statusCode === 491
          ? runtime.line.direction === 'outbound'
            ? 2100 + this.#options.random() * 1900
            : this.#options.random() * 2000
          : statusCode === 500 && Number.isFinite(retryAfter)
            ? // Retry-After is an upper bound; the race it covers lasts milliseconds, and an
              // agent pressing Hold should not wait seconds for it.
              Math.min(retryAfter * 1000, 250 * attempt)
            : null;
      if (retryMs === null || attempt >= 4 || runtime.line.state !== 'connected') {
        throw new ApiError('conflict', `The other side refused the ${what}: ${statusCode} ${reasonPhrase}`.trim());
      }
      this.#log.info('in-dialog request refused for now; retrying', { what, statusCode, retryMs: Math.round(retryMs) });
      await delay(retryMs);
    }
  }

  /**
   * The media engine's view of a line's connection. A failed connection gets an
   * ICE-restart re-INVITE at once (a changed network is the usual cause); if media
   * is still down after mediaFailureHangupMs the call is over, and is ended as such
   * rather than left "connected" and silent.
   */
  mediaState(lineId: string, state: 'connected' | 'disconnected' | 'failed'): void {
    const runtime = this.#lines.get(lineId);
    if (runtime === undefined || runtime.line.state !== 'connected') return;
    if (state === 'connected') {
      if (runtime.mediaFailure) clearTimeout(runtime.mediaFailure);
      runtime.mediaFailure = null;
      return;
    }
    if (state !== 'failed' || runtime.mediaFailure) return;
    this.#log.warn('media connection failed; restarting ICE', { line: lineId });
    this.#restartIce(runtime);
    runtime.mediaFailure = setTimeout(() => {
      if (this.#lines.get(lineId) !== runtime) return;
      runtime.line = { ...runtime.line, endReason: 'media connection lost' };
      runtime.hangupBy = 'system';
      void runtime.session.bye().catch(() => this.#finish(runtime));
    }, this.#options.mediaFailureHangupMs);
  }

  /** A quality sample from the media engine: shown live, summarised into the call history. */
  recordQuality(lineId: string, quality: CallQuality): void {
    const runtime = this.#lines.get(lineId);
    if (runtime === undefined) return;
    const previous = runtime.quality;
    const n = (previous?.samples ?? 0) + 1;
    runtime.quality = {
      samples: n,
      mosAverage: ((previous?.mosAverage ?? 0) * (n - 1) + quality.mos) / n,
      mosMin: Math.min(previous?.mosMin ?? quality.mos, quality.mos),
      jitterMaxMs: Math.max(previous?.jitterMaxMs ?? 0, quality.jitterMs),
      packetLossMax: Math.max(previous?.packetLossMax ?? 0, quality.packetLoss),
      rttMaxMs:
        quality.rttMs === null ? (previous?.rttMaxMs ?? null) : Math.max(previous?.rttMaxMs ?? 0, quality.rttMs),
    };
    this.#update(runtime, { quality });
  }

  /** Three-way conference: both lines off hold, mixed in the media engine. */
  async conference(lineId: string, otherLineId: string): Promise<void> {
    const a = this.#require(lineId);
    const b = this.#require(otherLineId);
    if (a.line.state !== 'connected' || b.line.state !== 'connected')
      throw new ApiError('conflict', 'Both calls must be connected.');
    if (a.line.held) await this.hold(a.line.id, false);
    if (b.line.held) await this.hold(b.line.id, false);
    this.#options.media.setConference([a.line.id, b.line.id]);
    a.line = { ...a.line, conferenceWith: b.line.id, consultFor: null };
    b.line = { ...b.line, conferenceWith: a.line.id, consultFor: null };
    this.#emit();
  }
}
