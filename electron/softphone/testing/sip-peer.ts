import {
  Inviter,
  Registerer,
  RegistererState,
  UserAgent,
  type Info,
  type Invitation,
  type SessionState,
  type Referral,
  type Session,
} from 'sip.js';
import { SIPExtension } from 'sip.js/lib/api/user-agent-options.js';
import { bridgedSdhFactory } from '../bridged-sdh';
import { NodeWsTransport } from '../node-ws-transport';
import type { Kamailio } from './kamailio';
import { SignalingOnlyMedia } from './signaling-media';

export type PeerAnswer = 'ring' | 'answer' | 'busy';

/**
 * The far end in softphone tests: a second sip.js user agent (a customer, a
 * colleague) registered at the same Kamailio, with signaling-only media. It
 * answers, rejects or lets calls ring, follows REFERs like a real phone, and
 * records what it received.
 */
export class SipPeer {
  readonly media = new SignalingOnlyMedia();
  readonly infos: string[] = [];
  readonly sessions: Session[] = [];
  /** In-dialog INVITEs (hold, resume, ICE restart) this peer has answered. */
  reinvites = 0;
  readonly #reinviteWaiters: Array<() => void> = [];
  /** Final error statuses of the calls this peer placed. */
  readonly rejections: number[] = [];
  /** Final responses to INVITEs this peer sent while following a REFER. */
  readonly referFailures: string[] = [];
  answer: PeerAnswer;
  readonly #invitations: Invitation[] = [];
  readonly #waiters: Array<(invitation: Invitation) => void> = [];
  readonly #ids = new WeakMap<Session, string>();
  #counter = 0;

  private constructor(
    readonly ua: UserAgent,
    readonly user: string,
    answer: PeerAnswer,
  ) {
    this.answer = answer;
  }

  static async start(
    kamailio: Kamailio,
    user: string,
    password: string,
    answer: PeerAnswer = 'answer',
  ): Promise<SipPeer> {
    const holder: { peer?: SipPeer } = {};
    const ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${user}@${kamailio.domain}`),
      authorizationUsername: user,
      authorizationPassword: password,
      transportConstructor: NodeWsTransport,
      transportOptions: { server: kamailio.wsUri },
      sipExtensionReplaces: SIPExtension.Supported,
      // SIP_DEBUG=1 prints every message this peer sees, for a failing test.
      logBuiltinEnabled: process.env.SIP_DEBUG === '1',
      logLevel: process.env.SIP_DEBUG === '1' ? 'debug' : 'error',
      sessionDescriptionHandlerFactory: (session, options) => {
        const peer = holder.peer;
        if (!peer) throw new Error('peer not ready');
        return bridgedSdhFactory(peer.media, (s) => peer.lineIdOf(s))(session, options);
      },
      delegate: { onInvite: (invitation) => holder.peer?.handleInvite(invitation) },
    });
    const peer = new SipPeer(ua, user, answer);
    holder.peer = peer;
    await ua.start();
    const registerer = new Registerer(ua, { expires: 300 });
    await new Promise<void>((resolve, reject) => {
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) resolve();
      });
      void registerer.register({
        requestDelegate: { onReject: (r) => reject(new Error(`peer ${user}: ${r.message.statusCode}`)) },
      });
    });
    return peer;
  }

  #idOf(session: Session): string {
    let id = this.#ids.get(session);
    if (id === undefined) {
      id = `${this.user}-${++this.#counter}`;
      this.#ids.set(session, id);
    }
    return id;
  }

  lineIdOf(session: Session): string {
    return this.#idOf(session);
  }

  #watch(session: Session): void {
    this.sessions.push(session);
    session.delegate = {
      onInfo: (info: Info) => {
        this.infos.push(info.request.body);
        void info.accept();
      },
      onRefer: (referral: Referral) => void this.#followRefer(referral),
      onInvite: () => {
        this.reinvites += 1;
        this.#reinviteWaiters.splice(0).forEach((resolve) => resolve());
      },
    };
  }

  async #followRefer(referral: Referral): Promise<void> {
    await referral.accept();
    const inviter = referral.makeInviter();
    this.#ids.set(inviter, `${this.user}-${++this.#counter}`);
    this.#watch(inviter);
    await inviter.invite({
      requestDelegate: {
        onReject: (response) => {
          this.referFailures.push(`${response.message.statusCode} ${response.message.reasonPhrase}`);
        },
      },
    });
  }

  /** @internal the user agent delegate. */
  handleInvite(invitation: Invitation): void {
    this.#watch(invitation);
    if (this.answer === 'busy') void invitation.reject({ statusCode: 486 });
    else if (this.answer === 'answer') void invitation.accept();
    const waiter = this.#waiters.shift();
    if (waiter) waiter(invitation);
    else this.#invitations.push(invitation);
  }

  /** Resolves at the next re-INVITE this peer answers. */
  nextReinvite(): Promise<void> {
    return new Promise((resolve) => this.#reinviteWaiters.push(resolve));
  }

  /** The next INVITE this peer receives. */
  nextInvitation(): Promise<Invitation> {
    const ready = this.#invitations.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Calls `target` with extra headers; resolves with the session once the INVITE is sent. */
  async call(target: string, extraHeaders: string[] = []): Promise<Inviter> {
    const uri = UserAgent.makeURI(target);
    if (!uri) throw new Error(`bad target ${target}`);
    const inviter = new Inviter(this.ua, uri, { extraHeaders });
    this.#ids.set(inviter, `${this.user}-${++this.#counter}`);
    this.#watch(inviter);
    await inviter.invite({
      requestDelegate: { onReject: (response) => this.rejections.push(response.message.statusCode ?? 0) },
    });
    return inviter;
  }

  /**
   * The bindings the registrar holds for a user: a REGISTER without Contact is
   * a query (RFC 3261 §10.2.3), answered with every Contact. It authenticates
   * as that user, from a user agent that registers nothing itself.
   */
  static async bindings(kamailio: Kamailio, user: string, password: string): Promise<string[]> {
    const aor = UserAgent.makeURI(`sip:${user}@${kamailio.domain}`);
    const registrar = UserAgent.makeURI(`sip:${kamailio.domain}`);
    if (!aor || !registrar) throw new Error('bad URI');
    const ua = new UserAgent({
      uri: aor,
      authorizationUsername: user,
      authorizationPassword: password,
      transportConstructor: NodeWsTransport,
      transportOptions: { server: kamailio.wsUri },
      logBuiltinEnabled: false,
    });
    await ua.start();
    try {
      const core = ua.userAgentCore;
      const message = core.makeOutgoingRequestMessage('REGISTER', registrar, aor, aor, {});
      return await new Promise((resolve, reject) => {
        core.register(message, {
          onAccept: (response) => resolve(response.message.getHeaders('contact')),
          onReject: (response) => reject(new Error(`${response.message.statusCode}`)),
        });
      });
    } finally {
      await ua.stop();
    }
  }

  static until(session: Session, state: SessionState): Promise<void> {
    if (session.state === state) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (next: SessionState): void => {
        if (next === state) {
          session.stateChange.removeListener(listener);
          resolve();
        }
      };
      session.stateChange.addListener(listener);
    });
  }

  async stop(): Promise<void> {
    await this.ua.stop().catch(() => undefined);
  }
}
