import { performance } from 'node:perf_hooks';
import { defaultPhoneAccount, type SoftphoneState } from '../shared/softphone/types';
import { MemorySink, createLogger } from '../electron/log/logger';
import { SipPhone, type CallRecord } from '../electron/softphone/sip-phone';
import { startKamailio, type Kamailio } from '../electron/softphone/testing/kamailio';
import { SignalingOnlyMedia } from '../electron/softphone/testing/signaling-media';
import { SipPeer } from '../electron/softphone/testing/sip-peer';
import { RawSipClient } from './raw-sip-client';
import { median, round, type Benchmark } from './types';

const registerRuns = 30;
const callRuns = 200;
/** Unmeasured rounds first: JIT, Kamailio's TCP workers, the peer's first session. */
const warmups = 3;
const timeoutMs = 10_000;

const agent = { user: '1001', password: 'benchAgent1001' };
const customer = { user: '2001', password: 'benchCustomer2001' };
const raw = { user: '1009', password: 'benchRaw1009' };

interface BenchPhone {
  readonly phone: SipPhone;
  readonly sink: MemorySink;
  readonly ended: CallRecord[];
}

function newPhone(kamailio: Kamailio): BenchPhone {
  const sink = new MemorySink();
  const phone = new SipPhone({
    account: {
      ...defaultPhoneAccount,
      server: kamailio.wsUri,
      sipUri: `sip:${agent.user}@${kamailio.domain}`,
      authUser: agent.user,
      displayName: '',
    },
    password: agent.password,
    media: new SignalingOnlyMedia(),
    log: createLogger(sink, 'softphone'),
  });
  const ended: CallRecord[] = [];
  phone.onCallEnded((record) => ended.push(record));
  return { phone, sink, ended };
}

/**
 * Resolves with performance.now() at the state change that satisfies the
 * predicate (taken inside the listener, before anything else runs), or
 * rejects when `fail` holds first or after the timeout.
 */
function when(
  { phone, sink }: BenchPhone,
  what: string,
  done: (state: SoftphoneState) => boolean,
  fail: (state: SoftphoneState) => string | null = () => null,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void): void => {
      off();
      clearTimeout(timer);
      outcome();
    };
    const check = (state: SoftphoneState): void => {
      const at = performance.now();
      if (done(state)) return finish(() => resolve(at));
      const failure = fail(state);
      if (failure !== null) finish(() => reject(new Error(`${what}: ${failure}${logTail(sink)}`)));
    };
    const off = phone.onChange(check);
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${what}: not within ${timeoutMs} ms${logTail(sink)}`))),
      timeoutMs,
    );
    check(phone.state());
  });
}

/** A promise awaited later: if what runs in between throws, its rejection is not also unhandled. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function logTail(sink: MemorySink): string {
  const lines = sink.records.slice(-5).map((r) => `  ${r.level} ${r.msg} ${JSON.stringify(r.fields ?? {})}`);
  return lines.length ? `\n${lines.join('\n')}` : '';
}

const registered = (s: SoftphoneState): boolean => s.registration.state === 'registered';
const registrationFailed = (s: SoftphoneState): string | null =>
  s.registration.state === 'failed' ? `registration failed: ${s.registration.detail}` : null;

/** phone.start() → Registered: WebSocket connect, REGISTER, 401, REGISTER with credentials, 200. */
async function measureRegister(kamailio: Kamailio): Promise<number> {
  const bench = newPhone(kamailio);
  try {
    const started = performance.now();
    const done = quiet(when(bench, 'register', registered, registrationFailed));
    await bench.phone.start();
    return (await done) - started;
  } finally {
    await bench.phone.stop();
  }
}

/** phone.dial() → line connected: INVITE, 407, ACK, INVITE with credentials, 100, 200, ACK. Then BYE. */
async function measureSipPhoneCall(bench: BenchPhone, target: string): Promise<number> {
  const { phone, ended } = bench;
  const endedBefore = ended.length;
  const started = performance.now();
  const connected = quiet(
    when(
      bench,
      `call ${target}`,
      (s) => s.lines.some((l) => l.state === 'connected'),
      () => (ended.length > endedBefore ? `ended unanswered: ${ended.at(-1)?.cause}` : null),
    ),
  );
  const lineId = await phone.dial(target);
  const at = await connected;
  await phone.hangup(lineId);
  await when(bench, `hang up ${target}`, (s) => s.lines.length === 0);
  return at - started;
}

/**
 * sip.register_ms, sip.call_setup_ms and the floor it is compared with,
 * sip.raw_floor_ms, all against one real Kamailio on loopback. The SipPhone
 * calls and the raw client's calls alternate, to the same auto-answering
 * sip.js peer, so both see the same machine state.
 */
export const sipBenchmark: Benchmark = {
  name: 'sip',
  async run() {
    const kamailio = await startKamailio({ users: [agent, customer, raw] });
    // Kamailio runs in its own process group: if this process dies before the finally
    // below (an uncaught error, a closed stdout pipe), take it along instead of orphaning it.
    const killOnExit = (): void => {
      try {
        process.kill(-(kamailio.process.pid ?? 0), 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    process.once('exit', killOnExit);
    const registerMs: number[] = [];
    const setupMs: number[] = [];
    const floorMs: number[] = [];
    try {
      for (let i = 0; i < warmups + registerRuns; i++) {
        const elapsed = await measureRegister(kamailio);
        if (i >= warmups) registerMs.push(elapsed);
      }

      const peer = await SipPeer.start(kamailio, customer.user, customer.password, 'answer');
      const bench = newPhone(kamailio);
      let client: RawSipClient | undefined;
      try {
        const done = quiet(when(bench, 'register', registered, registrationFailed));
        await bench.phone.start();
        await done;
        client = await RawSipClient.connect({ wsUri: kamailio.wsUri, domain: kamailio.domain, ...raw, timeoutMs });
        for (let i = 0; i < warmups + callRuns; i++) {
          // Alternate which goes first, so neither always follows the other's BYE.
          const sipPhoneFirst = i % 2 === 0;
          const a = sipPhoneFirst ? await measureSipPhoneCall(bench, customer.user) : await client.call(customer.user);
          const b = sipPhoneFirst ? await client.call(customer.user) : await measureSipPhoneCall(bench, customer.user);
          if (i < warmups) continue;
          setupMs.push(sipPhoneFirst ? a : b);
          floorMs.push(sipPhoneFirst ? b : a);
        }
      } finally {
        await client?.close();
        await bench.phone.stop();
        await peer.stop();
      }
    } catch (error) {
      const tail = kamailio.stderr().trim().split('\n').slice(-10).join('\n');
      throw new Error(`${(error as Error).message}${tail ? `\nkamailio:\n${tail}` : ''}`, { cause: error });
    } finally {
      await kamailio.stop();
      process.off('exit', killOnExit);
    }

    const floor = round(median(floorMs), 2);
    return [
      { id: 'sip.register_ms', value: round(median(registerMs), 2), unit: 'ms', better: 'lower' },
      {
        id: 'sip.call_setup_ms',
        value: round(median(setupMs), 2),
        unit: 'ms',
        better: 'lower',
        peer: { name: 'raw SIP-over-WebSocket client', value: floor },
      },
      { id: 'sip.raw_floor_ms', value: floor, unit: 'ms', better: 'lower' },
    ];
  },
};
