import { SessionState } from 'sip.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultPhoneAccount, type PhoneAccount, type SoftphoneState } from '../../shared/softphone/types';
import { MemorySink, createLogger } from '../log/logger';
import { SipPhone, type CallRecord } from './sip-phone';
import { startKamailio, type Kamailio } from './testing/kamailio';
import { SignalingOnlyMedia } from './testing/signaling-media';
import { SipPeer } from './testing/sip-peer';
import { untilState } from './testing/until-state';

// The softphone service against a real Kamailio (registrar + proxy, SIP over
// WebSocket, digest auth), with sip.js peers as customers and colleagues.

const users = [
  { user: '1001', password: 'agent-secret' },
  { user: '2001', password: 'customer-secret' },
  { user: '3001', password: 'colleague-secret' },
  { user: '1002', password: 'agent2-secret' },
];

let kamailio: Kamailio;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  kamailio = await startKamailio({ users });
});
afterAll(async () => {
  await kamailio.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function account(user = '1001', overrides: Partial<PhoneAccount> = {}): PhoneAccount {
  return {
    ...defaultPhoneAccount,
    server: kamailio.wsUri,
    sipUri: `sip:${user}@${kamailio.domain}`,
    authUser: user,
    displayName: `Agent ${user}`,
    ...overrides,
  };
}

interface TestPhone {
  readonly phone: SipPhone;
  readonly media: SignalingOnlyMedia;
  readonly sink: MemorySink;
  readonly ended: CallRecord[];
  until(predicate: (state: SoftphoneState) => boolean): Promise<SoftphoneState>;
}

async function startPhone(
  options: {
    user?: string;
    password?: string;
    account?: Partial<PhoneAccount>;
    keepaliveMs?: number;
    keepaliveTimeoutMs?: number;
    mediaFailureHangupMs?: number;
  } = {},
): Promise<TestPhone> {
  const user = options.user ?? '1001';
  const media = new SignalingOnlyMedia();
  const sink = new MemorySink();
  const phone = new SipPhone({
    account: account(user, options.account),
    password: options.password ?? users.find((u) => u.user === user)?.password ?? '',
    media,
    log: createLogger(sink, 'softphone'),
    ...(options.keepaliveMs ? { keepaliveMs: options.keepaliveMs } : {}),
    ...(options.keepaliveTimeoutMs ? { keepaliveTimeoutMs: options.keepaliveTimeoutMs } : {}),
    ...(options.mediaFailureHangupMs ? { mediaFailureHangupMs: options.mediaFailureHangupMs } : {}),
  });
  const ended: CallRecord[] = [];
  phone.onCallEnded((record) => ended.push(record));
  cleanups.push(() => phone.stop());
  const until = (predicate: (state: SoftphoneState) => boolean): Promise<SoftphoneState> =>
    untilState(phone, predicate);
  await phone.start();
  return { phone, media, sink, ended, until };
}

async function peer(user: '2001' | '3001' | '1002', answer: 'answer' | 'ring' | 'busy' = 'answer'): Promise<SipPeer> {
  const p = await SipPeer.start(kamailio, user, users.find((u) => u.user === user)?.password ?? '', answer);
  cleanups.push(() => p.stop());
  return p;
}

const registered = (s: SoftphoneState): boolean => s.registration.state === 'registered';
const lineIn = (state: SoftphoneState['lines'][number]['state']) => (s: SoftphoneState) =>
  s.lines.some((l) => l.state === state);
const noLines = (s: SoftphoneState): boolean => s.lines.length === 0;

describe('registration', () => {
  it('registers with digest auth', async () => {
    const { phone, until } = await startPhone();
    await until(registered);
    expect(phone.state().registration).toEqual({ state: 'registered', reason: null, detail: null, retryAt: null });
  });

  it('reports a wrong password as an auth failure with the status', async () => {
    const { until } = await startPhone({ password: 'wrong' });
    const state = await until((s) => s.registration.state === 'failed');
    expect(state.registration).toMatchObject({
      state: 'failed',
      reason: 'auth',
      detail: expect.stringMatching(/^401/),
    });
  });

  it('reports an unknown user as forbidden', async () => {
    const { until } = await startPhone({ user: '9999', password: 'x' });
    const state = await until((s) => s.registration.state === 'failed');
    expect(state.registration).toMatchObject({ reason: 'forbidden', detail: expect.stringMatching(/^403/) });
  });
});

describe('calls', () => {
  it('calls out, holds and resumes with re-INVITEs, sends DTMF as SIP INFO, hangs up', async () => {
    const customer = await peer('2001');
    const { phone, until, ended } = await startPhone({ account: { dtmfMode: 'info' } });
    await until(registered);

    const lineId = await phone.dial('2001');
    await until(lineIn('connected'));
    const remote = customer.sessions[0];
    expect(remote?.state).toBe(SessionState.Established);
    const customerLine = customer.lineIdOf(remote!);

    await phone.hold(lineId, true);
    expect(phone.state().lines[0]).toMatchObject({ held: true });
    expect(customer.media.remoteSdp.get(customerLine)?.at(-1)).toMatch(/a=sendonly/);
    await phone.hold(lineId, false);
    expect(customer.media.remoteSdp.get(customerLine)?.at(-1)).toMatch(/a=sendrecv/);

    await phone.dtmf(lineId, '42#');
    expect(customer.infos.map((body) => /Signal=(.)/.exec(body)?.[1]).join('')).toBe('42#');

    await phone.hangup(lineId);
    await until(noLines);
    expect(ended[0]).toMatchObject({
      direction: 'outbound',
      remoteNumber: '2001',
      hangupBy: 'local',
      cause: 'normal clearing',
    });
    expect(ended[0]?.answeredAt).not.toBeNull();
  });

  it('sends RFC 4733 DTMF through the media engine by default', async () => {
    await peer('2001');
    const { phone, until, media } = await startPhone();
    await until(registered);
    const lineId = await phone.dial('2001');
    await until(lineIn('connected'));
    await phone.dtmf(lineId, '9*');
    expect(media.dtmfSent).toEqual([{ lineId, tones: '9*' }]);
  });

  it('receives a call with queue and customer headers, answers, and the customer hangs up', async () => {
    const customer = await peer('2001', 'ring');
    const { phone, until, ended } = await startPhone();
    await until(registered);
    const incoming = new Promise((resolve) => phone.onIncoming(resolve));

    const session = await customer.call(`sip:1001@${kamailio.domain}`, ['X-Queue: vip', 'X-Customer-Id: C-42']);
    expect(await incoming).toMatchObject({
      direction: 'inbound',
      state: 'ringing',
      queue: 'vip',
      customerId: 'C-42',
      remote: { number: '2001' },
    });
    const [line] = phone.state().lines;
    expect(line?.headers).toMatchObject({ 'X-Queue': 'vip' });

    await phone.answer(line!.id);
    await until(lineIn('connected'));
    await SipPeer.until(session, SessionState.Established);
    await session.bye();
    await until(noLines);
    expect(ended[0]).toMatchObject({ direction: 'inbound', hangupBy: 'remote', queue: 'vip', customerId: 'C-42' });
  });

  it('records a call cancelled while ringing as cancelled', async () => {
    const customer = await peer('2001', 'ring');
    const { until, ended } = await startPhone();
    await until(registered);
    const session = await customer.call(`sip:1001@${kamailio.domain}`);
    await until(lineIn('ringing'));
    await session.cancel();
    await until(noLines);
    expect(ended[0]).toMatchObject({ cause: 'cancelled', answeredAt: null });
  });

  it('ends an outbound call to a busy party with the 486', async () => {
    await peer('2001', 'busy');
    const { phone, until, ended } = await startPhone();
    await until(registered);
    await phone.dial('2001');
    await until((s) => ended.length > 0 && noLines(s));
    expect(ended[0]?.cause).toMatch(/^486/);
  });

  it('rejects an incoming call with 486 Busy Here', async () => {
    const customer = await peer('2001', 'ring');
    const { phone, until } = await startPhone();
    await until(registered);
    const session = await customer.call(`sip:1001@${kamailio.domain}`);
    const state = await until(lineIn('ringing'));
    await phone.reject(state.lines[0]!.id);
    await SipPeer.until(session, SessionState.Terminated);
    expect(customer.rejections).toEqual([486]);
    await until(noLines);
  });

  it('auto-answers when the INVITE asks for it (Call-Info answer-after)', async () => {
    const customer = await peer('2001', 'ring');
    const { until } = await startPhone({ account: { autoAnswer: { mode: 'requested', delaySeconds: 0 } } });
    await until(registered);
    await customer.call(`sip:1001@${kamailio.domain}`, ['Call-Info: <sip:127.0.0.1>;answer-after=0']);
    await until(lineIn('connected'));
  });

  it('shows a second call as waiting, and answering it holds the first', async () => {
    const customer = await peer('2001', 'ring');
    const colleague = await peer('3001', 'ring');
    const { phone, until } = await startPhone();
    await until(registered);
    await customer.call(`sip:1001@${kamailio.domain}`);
    const first = (await until(lineIn('ringing'))).lines[0]!;
    await phone.answer(first.id);
    await until(lineIn('connected'));

    await colleague.call(`sip:1001@${kamailio.domain}`);
    const second = (await until((s) => s.lines.length === 2)).lines.find((l) => l.id !== first.id)!;
    expect(second).toMatchObject({ state: 'ringing', waiting: true, slot: 2 });
    await phone.answer(second.id);
    const both = await until((s) => s.lines.every((l) => l.state === 'connected'));
    expect(both.lines.find((l) => l.id === first.id)?.held).toBe(true);
  });
});

describe('transfers', () => {
  it('blind-transfers a caller to a colleague with REFER', async () => {
    const customer = await peer('2001', 'ring');
    const colleague = await peer('3001', 'answer');
    const { phone, until, ended } = await startPhone();
    await until(registered);
    await customer.call(`sip:1001@${kamailio.domain}`);
    const line = (await until(lineIn('ringing'))).lines[0]!;
    await phone.answer(line.id);
    await until(lineIn('connected'));

    await phone.blindTransfer(line.id, '3001');
    const transferred = await colleague.nextInvitation();
    await SipPeer.until(transferred, SessionState.Established);
    expect(transferred.remoteIdentity.uri.user).toBe('2001');
    await until(noLines);
    expect(ended[0]).toMatchObject({ cause: 'transferred', hangupBy: 'local' });
  });

  it('attended transfer: consults the colleague, then joins caller and colleague with Replaces', async () => {
    const customer = await peer('2001', 'ring');
    const colleague = await peer('3001', 'answer');
    const { phone, until } = await startPhone();
    await until(registered);
    await customer.call(`sip:1001@${kamailio.domain}`);
    const line = (await until(lineIn('ringing'))).lines[0]!;
    await phone.answer(line.id);
    await until(lineIn('connected'));

    const consultId = await phone.consult(line.id, '3001');
    const consulting = await until((s) => s.lines.length === 2 && s.lines.every((l) => l.state === 'connected'));
    expect(consulting.lines.find((l) => l.id === line.id)?.held).toBe(true);
    expect(consulting.lines.find((l) => l.id === consultId)?.consultFor).toBe(line.id);
    await colleague.nextInvitation(); // the consult call

    await phone.completeTransfer(line.id, consultId);
    const joined = await Promise.race([
      colleague.nextInvitation(),
      until(noLines).then(() => {
        throw new Error(`transfer did not reach the colleague: ${customer.referFailures.join(', ')}`);
      }),
    ]);
    expect(joined.request.getHeader('Replaces')).toBeTruthy();
    await SipPeer.until(joined, SessionState.Established);
    expect(joined.remoteIdentity.uri.user).toBe('2001');
    await until(noLines);
  });

  it('conferences two calls in the media engine', async () => {
    await peer('2001', 'answer');
    await peer('3001', 'answer');
    const { phone, until, media } = await startPhone();
    await until(registered);
    const a = await phone.dial('2001');
    await until(lineIn('connected'));
    const b = await phone.consult(a, '3001');
    await until((s) => s.lines.length === 2 && s.lines.every((l) => l.state === 'connected'));
    await phone.conference(a, b);
    expect(media.conference).toEqual([a, b]);
    expect(phone.state().lines.map((l) => [l.held, l.conferenceWith])).toEqual([
      [false, b],
      [false, a],
    ]);
  });
});

describe('resilience', () => {
  it('re-registers within 10 s with exactly one binding after Kamailio is killed and restarted', async () => {
    const { until, sink } = await startPhone({ user: '1002' });
    await until(registered);
    const port = kamailio.port;
    await kamailio.kill();
    await until((s) => s.registration.state !== 'registered');
    const lost = Date.now();
    kamailio = await startKamailio({ users, port });
    await until(registered);
    expect(Date.now() - lost).toBeLessThan(10_000);

    const bindings = await SipPeer.bindings(kamailio, '1002', 'agent2-secret');
    expect(bindings).toHaveLength(1);
    expect(bindings[0]).toMatch(/^<sip:[^>]+\.invalid/);
    expect(sink.records.filter((r) => r.msg === 'SIP transport lost')).toHaveLength(1);
  });

  it('notices a frozen server through the OPTIONS keepalive, recovers, and restarts ICE on the live call', async () => {
    const customer = await peer('2001');
    const { phone, until, sink, media } = await startPhone({
      user: '1002',
      keepaliveMs: 1000,
      keepaliveTimeoutMs: 1500,
    });
    await until(registered);
    const lineId = await phone.dial('2001');
    await until(lineIn('connected'));
    const reinvited = customer.nextReinvite();
    kamailio.freeze();
    try {
      await until((s) => s.registration.state === 'failed' && s.registration.reason === 'transport');
      expect(sink.records.some((r) => r.msg.startsWith('keepalive unanswered'))).toBe(true);
    } finally {
      kamailio.thaw();
    }
    await until(registered);
    // The call survived; once registered again the phone re-INVITEs it with an ICE restart.
    await reinvited;
    expect(media.requests.filter((r) => r.lineId === lineId && r.iceRestart)).toHaveLength(1);
    expect(phone.state().lines.find((l) => l.id === lineId)?.state).toBe('connected');
  });

  it('a failed media connection gets an ICE restart, and a call whose media never returns is ended', async () => {
    const customer = await peer('2001');
    const { phone, until, media, ended } = await startPhone({ mediaFailureHangupMs: 300 });
    await until(registered);
    const lineId = await phone.dial('2001');
    await until(lineIn('connected'));

    // Recovers: the restart goes out, media comes back, the call stays.
    const restarted = customer.nextReinvite();
    phone.mediaState(lineId, 'failed');
    await restarted;
    // At least one: the re-INVITE may meet the RFC 5407 race right after answering, and be sent again.
    expect(media.requests.filter((r) => r.lineId === lineId && r.iceRestart).length).toBeGreaterThanOrEqual(1);
    phone.mediaState(lineId, 'connected');

    // Does not recover: ended with the reason, not left connected and silent.
    phone.mediaState(lineId, 'failed');
    await until(noLines);
    expect(ended.at(-1)).toMatchObject({ cause: 'media connection lost', hangupBy: 'system' });
  });

  it('refuses to dial when not connected, and refuses a malformed number, with clear errors', async () => {
    const media = new SignalingOnlyMedia();
    const offline = new SipPhone({
      account: account('1001', { server: 'ws://127.0.0.1:9' }),
      password: 'agent-secret',
      media,
      log: createLogger(new MemorySink()),
    });
    cleanups.push(() => offline.stop());
    await offline.start();
    expect(offline.state().registration).toMatchObject({ state: 'failed', reason: 'transport' });
    await expect(offline.dial('2001')).rejects.toMatchObject({ code: 'unavailable' });
    await expect(offline.dial('not a number')).rejects.toThrow(/invalid_characters/);
  });
});
