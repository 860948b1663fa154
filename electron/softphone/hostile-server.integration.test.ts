import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPhoneAccount, type SoftphoneState } from '../../shared/softphone/types';
import { MemorySink, createLogger } from '../log/logger';
import { SipPhone } from './sip-phone';
import { SignalingOnlyMedia } from './testing/signaling-media';
import { untilState } from './testing/until-state';

// SIP servers misbehave: overloaded (5xx), broken (garbage), or gone mid-transaction.
// None of it may crash SeatDesk; the agent must see what happened, and the phone must recover.

type Behaviour = (request: string, socket: WebSocket) => void;

const header = (message: string, name: string): string =>
  message.split('\r\n').find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`)) ?? '';

/** A response to `request` with its dialog headers copied, as a SIP server builds it. */
function reply(request: string, status: string, extra: string[] = []): string {
  const to = header(request, 'To');
  return [
    `SIP/2.0 ${status}`,
    ...request.split('\r\n').filter((line) => /^via:/i.test(line)),
    header(request, 'From'),
    /;tag=/.test(to) ? to : `${to};tag=srv${Math.floor(Math.random() * 1e6)}`,
    header(request, 'Call-ID'),
    header(request, 'CSeq'),
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(behaviour: Behaviour): Promise<{ url: string; connection: (n: number) => Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'sip' });
  let connections = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  wss.on('connection', (socket) => {
    connections += 1;
    for (const waiter of waiters.filter((w) => w.n <= connections)) waiter.resolve();
    socket.on('message', (data) => behaviour(data.toString(), socket));
  });
  /** Resolves when the phone has opened its n-th connection. */
  const connection = (n: number): Promise<void> =>
    connections >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }));
  await new Promise((resolve) => wss.once('listening', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  );
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, connection };
}

async function phoneFor(url: string): Promise<{
  phone: SipPhone;
  sink: MemorySink;
  until: (p: (s: SoftphoneState) => boolean) => Promise<SoftphoneState>;
}> {
  const sink = new MemorySink();
  const phone = new SipPhone({
    account: { ...defaultPhoneAccount, server: url, sipUri: 'sip:1001@127.0.0.1', authUser: '1001', displayName: '' },
    password: 'secret',
    media: new SignalingOnlyMedia(),
    log: createLogger(sink),
    keepaliveMs: 300,
    keepaliveTimeoutMs: 300,
    reconnectMinMs: 200,
  });
  cleanups.push(() => phone.stop());
  const until = (predicate: (s: SoftphoneState) => boolean): Promise<SoftphoneState> => untilState(phone, predicate);
  await phone.start();
  return { phone, sink, until };
}

const isRequest = (message: string, method: string): boolean => message.startsWith(`${method} `);

/** A 200 to an INVITE, from a UAS that answers with audio. */
function answer(request: string): string {
  const sdp = [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'm=audio 9 RTP/AVP 0',
    'c=IN IP4 127.0.0.1',
    'a=sendrecv',
    '',
  ].join('\r\n');
  const head = reply(request, '200 OK', ['Contact: <sip:srv@127.0.0.1;transport=ws>', 'Content-Type: application/sdp']);
  return head.replace('Content-Length: 0\r\n\r\n', `Content-Length: ${sdp.length}\r\n\r\n${sdp}`);
}

describe('a misbehaving SIP server', () => {
  it('answering 503: the failure is shown with the status, and registration retries after Retry-After', async () => {
    let registers = 0;
    const { url } = await server((message, socket) => {
      if (isRequest(message, 'REGISTER')) {
        registers += 1;
        const contact = header(message, 'Contact');
        socket.send(
          registers === 1
            ? reply(message, '503 Service Unavailable', ['Retry-After: 1'])
            : reply(message, '200 OK', [`${contact};expires=600`]),
        );
      }
      if (isRequest(message, 'OPTIONS')) socket.send(reply(message, '200 OK'));
    });
    const { until } = await phoneFor(url);
    const failed = await until((s) => s.registration.state === 'failed');
    expect(failed.registration).toMatchObject({ reason: 'server', detail: '503 Service Unavailable' });
    expect(failed.registration.retryAt).not.toBeNull();
    await until((s) => s.registration.state === 'registered');
    expect(registers).toBe(2);
  });

  it('answering garbage: the junk is dropped, the dead exchange is noticed, and the phone keeps retrying', async () => {
    const { url, connection } = await server((message, socket) => {
      socket.send('\u0000\u00ffnot SIP at all\r\n\r\n');
      socket.send(`SIP/2.0 200 OK\r\nVia: broken\r\n\r\n${message.slice(0, 10)}`);
    });
    const { until, sink } = await phoneFor(url);
    const state = await until((s) => s.registration.state === 'failed' && s.registration.reason === 'transport');
    expect(state.registration.retryAt).not.toBeNull();
    expect(sink.records.some((r) => r.msg.startsWith('keepalive unanswered'))).toBe(true);
    // It reconnects by itself (a second connection), still without crashing.
    await connection(2);
  });

  it('closing the socket in the middle of a call attempt: the line ends with a reason and the phone reconnects', async () => {
    const { url, connection } = await server((message, socket) => {
      if (isRequest(message, 'REGISTER')) {
        const contact = header(message, 'Contact');
        socket.send(reply(message, '200 OK', [`${contact};expires=600`]));
      } else if (isRequest(message, 'OPTIONS')) {
        socket.send(reply(message, '200 OK'));
      } else if (isRequest(message, 'INVITE')) {
        socket.send(reply(message, '100 Trying'));
        socket.terminate();
      }
    });
    const { phone, until } = await phoneFor(url);
    await until((s) => s.registration.state === 'registered');
    const ended = new Promise<{ cause: string }>((resolve) => phone.onCallEnded(resolve));
    await phone.dial('2001');
    const record = await ended;
    expect(record.cause).not.toBe('normal clearing');
    await until((s) => s.lines.length === 0);
    await connection(2);
    await until((s) => s.registration.state === 'registered');
  });

  it('refusing a hold (488): the agent is told, the media rolls back, and the call goes on', async () => {
    const { url } = await server((message, socket) => {
      const inDialog = /;tag=/.test(header(message, 'To'));
      if (isRequest(message, 'REGISTER'))
        socket.send(reply(message, '200 OK', [`${header(message, 'Contact')};expires=600`]));
      else if (isRequest(message, 'OPTIONS')) socket.send(reply(message, '200 OK'));
      else if (isRequest(message, 'INVITE') && !inDialog) socket.send(answer(message));
      else if (isRequest(message, 'INVITE')) socket.send(reply(message, '488 Not Acceptable Here'));
      else if (isRequest(message, 'BYE')) socket.send(reply(message, '200 OK'));
    });
    const media = new SignalingOnlyMedia();
    const sink = new MemorySink();
    const phone = new SipPhone({
      account: { ...defaultPhoneAccount, server: url, sipUri: 'sip:1001@127.0.0.1', authUser: '1001', displayName: '' },
      password: 'secret',
      media,
      log: createLogger(sink),
    });
    cleanups.push(() => phone.stop());
    await phone.start();
    const ended = new Promise<{ cause: string; hangupBy: string }>((resolve) => phone.onCallEnded(resolve));
    const lineId = await phone.dial('2001');
    await untilState(phone, (s) => s.lines.some((l) => l.state === 'connected'));

    await expect(phone.hold(lineId, true)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/488/),
    });
    expect(media.rollbacks).toEqual([lineId]);
    expect(phone.state().lines[0]).toMatchObject({ state: 'connected', held: false });

    await phone.hangup(lineId);
    expect(await ended).toMatchObject({ hangupBy: 'local', cause: 'normal clearing' });
  });
});
