import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName, MethodRequest } from '../../shared/api/contract';
import type { SoftphoneState } from '../../shared/softphone/types';
import { defaultPhoneAccount } from '../../shared/softphone/types';
import { MemorySink } from '../log/logger';
import { createServices, type Services } from '../services';
import { tempDir } from '../test-support';
import { startKamailio, type Kamailio } from './testing/kamailio';
import { SignalingOnlyMedia } from './testing/signaling-media';
import { SipPeer } from './testing/sip-peer';

// The softphone through the API contract, as the UI uses it, against a real Kamailio.

let kamailio: Kamailio;
let services: Services;
let sink: MemorySink;
let dataDir: string;
const peers: SipPeer[] = [];

beforeAll(async () => {
  kamailio = await startKamailio({
    users: [
      { user: '1001', password: 'agent-secret' },
      { user: '13800138000', password: 'customer-secret' },
    ],
  });
});
afterAll(async () => {
  await kamailio.stop();
});
afterEach(async () => {
  for (const peer of peers.splice(0)) await peer.stop();
  await services.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<void> {
  dataDir = tempDir();
  sink = new MemorySink();
  services = await createServices({
    mode: 'web',
    dataDir,
    logSink: sink,
    logToFile: false,
    softphone: { media: new SignalingOnlyMedia() },
  });
}

async function call<M extends MethodName>(method: M, request: MethodRequest<M>) {
  return services.registrar.dispatch(method, request, { transport: 'test', readOnly: false, client: 'test' });
}

function until(predicate: (state: SoftphoneState) => boolean): Promise<SoftphoneState> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const state = services.softphone.state();
      if (!predicate(state)) return false;
      resolve(state);
      return true;
    };
    if (check()) return;
    const off = services.events.subscribe((name) => {
      if (name === 'softphone.changed' && check()) off();
    });
  });
}

const account = () => ({
  ...defaultPhoneAccount,
  server: kamailio.wsUri,
  sipUri: `sip:1001@${kamailio.domain}`,
  authUser: '1001',
  displayName: 'Li Na',
});

describe('softphone through the API', () => {
  it('saves an account, keeps the password out of the database, registers, and shows it in the status bar', async () => {
    await start();
    expect(await call('softphone.getAccount', {})).toMatchObject({
      ok: true,
      value: { account: null, passwordStored: false },
    });
    expect(services.status.get().phone.state).toBe('unconfigured');

    const saved = await call('softphone.saveAccount', { account: account(), password: 'agent-secret' });
    expect(saved).toMatchObject({ ok: true, value: { passwordStored: true, passwordEncrypted: false } });
    await until((s) => s.registration.state === 'registered');
    expect(services.status.get().phone).toEqual({ state: 'registered', detail: null });

    const secrets = path.join(dataDir, 'secrets.json');
    expect(fs.statSync(secrets).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dataDir, 'seatdesk.db')).includes('agent-secret')).toBe(false);
    expect(sink.records.filter((r) => r.msg.includes('stored unencrypted'))).toHaveLength(1);
  });

  it('refuses bad account settings with a clear message and keeps the old account', async () => {
    await start();
    const bad = await call('softphone.saveAccount', {
      account: { ...account(), server: 'http://pbx', sipUri: 'not a uri' },
      password: 'x',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(bad.ok ? '' : bad.error.message).toMatch(/ws:\/\/ or wss:\/\//);
    expect(bad.ok ? '' : bad.error.message).toMatch(/SIP address/);
    expect(await call('softphone.saveAccount', { account: { ...account(), authUser: '' } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await call('softphone.getAccount', {})).toMatchObject({ ok: true, value: { account: null } });
  });

  it('writes each call to the history, searchable by the last digits of the number', async () => {
    await start();
    await call('softphone.saveAccount', { account: account(), password: 'agent-secret' });
    await until((s) => s.registration.state === 'registered');
    const customer = await SipPeer.start(kamailio, '13800138000', 'customer-secret', 'answer');
    peers.push(customer);

    const logged = new Promise((resolve) => {
      const off = services.events.subscribe((name, payload) => {
        if (name === 'softphone.callLogged') {
          off();
          resolve(payload);
        }
      });
    });
    const dialed = await call('softphone.dial', { target: '138 0013 8000' });
    expect(dialed).toMatchObject({ ok: true });
    const lineId = dialed.ok ? (dialed.value as { lineId: string }).lineId : '';
    await until((s) => s.lines.some((l) => l.state === 'connected'));
    expect(await call('softphone.hangup', { lineId })).toMatchObject({ ok: true });
    await until((s) => s.lines.length === 0);

    expect(await logged).toMatchObject({ remoteNumber: '13800138000' });
    expect(await call('softphone.history', { text: '8000' })).toMatchObject({
      ok: true,
      value: {
        items: [{ direction: 'outbound', remoteNumber: '13800138000', hangupBy: 'local', line: 1 }],
        next: null,
      },
    });
    expect(await call('softphone.history', { text: '9999' })).toMatchObject({ ok: true, value: { items: [] } });
  });

  it('answers call actions without an account with a clear refusal', async () => {
    await start();
    expect(await call('softphone.dial', { target: '1001' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/Settings/) },
    });
  });
});
