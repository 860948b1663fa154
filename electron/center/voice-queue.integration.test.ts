import fs from 'node:fs';
import { SessionState } from 'sip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName, MethodRequest } from '../../shared/api/contract';
import type { Interaction } from '../../shared/center/types';
import { defaultPhoneAccount } from '../../shared/softphone/types';
import { MemorySink } from '../log/logger';
import { createServices, type Services } from '../services';
import { startKamailio, type Kamailio } from '../softphone/testing/kamailio';
import { SignalingOnlyMedia } from '../softphone/testing/signaling-media';
import { SipPeer } from '../softphone/testing/sip-peer';
import { tempDir } from '../test-support';

// A queue call through a real Kamailio becomes a voice contact in the center, with the
// customer matched by number (the screen pop), and follows the phone: answer → on contact,
// hang-up → after-call work.

let kamailio: Kamailio;
let services: Services;
let dataDir: string;

beforeAll(async () => {
  kamailio = await startKamailio({
    users: [
      { user: '1001', password: 'agent-secret' },
      { user: '13800138000', password: 'customer-secret' },
    ],
  });
  dataDir = tempDir();
  services = await createServices({
    mode: 'web',
    dataDir,
    logSink: new MemorySink(),
    logToFile: false,
    softphone: { media: new SignalingOnlyMedia() },
  });
  await services.center.whenStarted;
});
afterAll(async () => {
  await services.close();
  await kamailio.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function call<M extends MethodName>(method: M, request: MethodRequest<M>) {
  const result = await services.registrar.dispatch(method, request, {
    transport: 'test',
    readOnly: false,
    client: 'test',
  });
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as never;
}

function untilInteraction(predicate: (i: Interaction) => boolean): Promise<Interaction> {
  return new Promise((resolve) => {
    const off = services.events.subscribe((name, payload) => {
      if (name === 'center.interactionChanged' && predicate(payload as Interaction)) {
        off();
        resolve(payload as Interaction);
      }
    });
  });
}

function untilAgent(state: string): Promise<void> {
  return new Promise((resolve) => {
    if (services.center.center.agent('local')?.state === state) return resolve();
    const off = services.events.subscribe((name, payload) => {
      if (name === 'center.agentChanged' && (payload as { id: string; state: string }).state === state) {
        off();
        resolve();
      }
    });
  });
}

describe('queue calls in the center', () => {
  it('pops the known caller, goes on contact when answered and into wrap-up when the caller hangs up', async () => {
    const customer: { id: string } = await call('customers.create', {
      name: '王芳',
      phones: ['+86 138-0013-8000'],
      vip: 'gold',
    });
    const registered = new Promise<void>((resolve) => {
      const off = services.events.subscribe((name) => {
        if (name === 'softphone.changed' && services.softphone.state().registration.state === 'registered') {
          off();
          resolve();
        }
      });
    });
    await call('softphone.saveAccount', {
      account: {
        ...defaultPhoneAccount,
        server: kamailio.wsUri,
        sipUri: `sip:1001@${kamailio.domain}`,
        authUser: '1001',
      },
      password: 'agent-secret',
    });
    await registered;

    await call('center.setState', { state: 'ready' });
    const caller = await SipPeer.start(kamailio, '13800138000', 'customer-secret', 'answer');
    try {
      // center.offer comes last, once the agent's state shows the offer too.
      const offered = new Promise<Interaction>((resolve) => {
        const off = services.events.subscribe((name, payload) => {
          if (name === 'center.offer') {
            off();
            resolve((payload as { interaction: Interaction }).interaction);
          }
        });
      });
      // The PBX surveyed the caller before ringing this phone: 满意度 in a header.
      const session = await caller.call('sip:1001@' + kamailio.domain, ['X-Queue: hotline', 'X-Satisfaction: 4']);
      const contact = await offered;
      expect(contact).toMatchObject({ queueId: 'hotline', customerId: customer.id, customerName: '王芳' });
      expect(services.center.center.agent('local')?.state).toBe('offered');

      const active = untilInteraction((i) => i.id === contact.id && i.state === 'active');
      const line = services.softphone.state().lines.find((l) => l.state === 'ringing');
      await call('softphone.answer', { lineId: line?.id ?? '' });
      await active;
      await untilAgent('on_contact');

      // A hold in the middle: AHT counts it as hold, not as talk.
      const lineId = services.softphone.state().lines[0]?.id ?? '';
      await call('softphone.hold', { lineId, hold: true });
      await call('softphone.hold', { lineId, hold: false });

      const wrap = untilInteraction((i) => i.id === contact.id && i.state === 'wrap');
      const rated = untilInteraction((i) => i.id === contact.id && i.satisfaction === 4);
      // The caller's side learns of the answer a moment after the agent's does.
      if (session.state !== SessionState.Established) {
        await new Promise<void>((resolve) =>
          session.stateChange.addListener((state) => state === SessionState.Established && resolve()),
        );
      }
      await session.bye();
      expect((await wrap).endedAt).not.toBeNull();
      await rated;
      const ended = (await services.center.center.eventLog(0)).find(
        (e) => e.type === 'interaction.ended' && e.interactionId === contact.id,
      );
      expect(ended?.data.holdMs).toBeGreaterThan(0);
      expect(ended?.data.talkMs).toBeGreaterThanOrEqual(0);
      await untilAgent('acw');

      const history: { calls: unknown[]; interactions: Interaction[] } = await call('customers.get', {
        customerId: customer.id,
      });
      expect(history.interactions.map((i) => i.id)).toContain(contact.id);
    } finally {
      await caller.stop();
    }
  });
});
