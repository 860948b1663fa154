import crypto, { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computeMetrics } from '../../shared/metrics/engine';
import type { Alert, WallboardSnapshot } from '../../shared/wallboard/types';
import { wallboardHarness, type WallboardHarness } from './wallboard-test-support';

vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof crypto>();
  return { ...original, default: original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

let h: WallboardHarness;
beforeEach(async () => {
  h = await wallboardHarness();
});
afterEach(async () => {
  await h.close();
});

const sec = 1000;

/** Two agents with the hotline skill, ready. */
async function twoAgents(): Promise<void> {
  const center = h.center.center;
  await center.upsertAgent({ id: 'a2', name: 'Li Na', skills: ['hotline'], maxChats: 3 }, 'ready');
  await center.upsertAgent({ id: 'a3', name: 'Wang Fang', skills: ['hotline'], maxChats: 3 }, 'offline');
}

/** A hotline call answered after `waitMs`, talked `talkMs`, wrapped after `acwMs`. */
async function handledCall(agentId: string, waitMs: number, talkMs: number, acwMs: number): Promise<string> {
  const center = h.center.center;
  const call = await center.createInteraction({
    channel: 'voice',
    queueId: 'hotline',
    customerName: 'C',
    contact: '',
    subject: '',
  });
  h.advance(waitMs);
  await center.accept(agentId, call.id);
  h.advance(talkMs);
  await center.end(call.id, 'customer');
  h.advance(acwMs);
  await center.wrapUp(agentId, call.id, {
    disposition: center.queue('hotline')?.dispositions[0] ?? null,
    notes: '',
    ticketId: null,
    satisfaction: null,
  });
  return call.id;
}

describe('WallboardService: figures from the center log', () => {
  it('the snapshot matches the metrics recomputed from the same events', async () => {
    await twoAgents();
    await handledCall('a2', 10 * sec, 60 * sec, 20 * sec); // within 20 s
    await handledCall('a2', 25 * sec, 120 * sec, 10 * sec); // outside
    const gone = await h.center.center.createInteraction({
      channel: 'voice',
      queueId: 'hotline',
      customerName: 'D',
      contact: '',
      subject: '',
    });
    await h.center.center.setState('a2', 'not_ready', 'break');
    h.advance(3 * sec);
    await h.center.center.end(gone.id, 'customer'); // a short abandon (3 s < 5 s)

    const snapshot = (await h.call('wallboard.snapshot', {})) as WallboardSnapshot;
    const hotline = snapshot.metrics.queues.find((q) => q.queueId === 'hotline');
    // Hand-computed: 3 offered, 2 answered (1 within 20 s), 1 short abandon; variant excludes it.
    expect(hotline?.today).toMatchObject({ offered: 3, answered: 2, abandoned: 1, shortAbandoned: 1, handled: 2 });
    expect(hotline?.today.serviceLevel).toBeCloseTo(0.5);
    expect(hotline?.today.asaMs).toBe(17.5 * sec);
    expect(hotline?.today.ahtMs).toBe(105 * sec); // (80 + 130) / 2
    const li = snapshot.metrics.agents.find((a) => a.agentId === 'a2');
    expect(li).toMatchObject({ name: 'Li Na', state: 'not_ready', reason: 'break', handledToday: 2, ahtMs: 105 * sec });

    const { events, timeZone } = (await h.call('wallboard.events', { afterSeq: 0, limit: 10_000 })) as {
      events: Parameters<typeof computeMetrics>[0];
      timeZone: string;
    };
    const recomputed = computeMetrics(events, {
      timeZone,
      queues: h.center.center.queues(),
      agents: h.center.center.agents(),
      now: snapshot.serverTime,
    });
    expect(snapshot.metrics.queues).toEqual(recomputed.queues);
    expect(snapshot.metrics.total).toEqual(recomputed.total);
  });

  it('pushes wallboard.changed after a change, with the change in it, to the boards watching', async () => {
    await twoAgents();
    await h.call('wallboard.snapshot', {}, { client: 'ws#7 tv' });
    const pushed = h.nextFor<WallboardSnapshot>('wallboard.changed', (s) =>
      s.metrics.agents.some((a) => a.agentId === 'a2' && a.state === 'not_ready'),
    );
    await h.center.center.setState('a2', 'not_ready', 'lunch');
    const { payload, audience } = await pushed;
    expect(payload.metrics.agents.find((a) => a.agentId === 'a2')?.reason).toBe('lunch');
    // Only the client that asked for a board gets it, not every window.
    expect(audience).toBe('ws#7 tv');
  });

  it('a restart reads today back from the log', async () => {
    await twoAgents();
    await handledCall('a2', 5 * sec, 30 * sec, 5 * sec);
    const before = (await h.call('wallboard.snapshot', {})) as WallboardSnapshot;
    const { WallboardService } = await import('./wallboard-service');
    const again = new WallboardService({
      db: h.db,
      events: h.events,
      log: h.log,
      now: () => new Date(h.now()),
      dataDir: h.dir,
      profile: () => h.profile,
      center: h.center,
    });
    await again.whenReady();
    const after = await again.snapshot();
    await again.close();
    expect(after.metrics.queues).toEqual(before.metrics.queues);
  });
});

describe('WallboardService: tokens', () => {
  it('are stored hashed, checked in constant time, and refused once revoked', async () => {
    const { token, info } = (await h.call('wallboard.createToken', { name: 'TV by the door' })) as {
      token: string;
      info: { id: string };
    };
    const secret = token.split('.')[1] ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(40);
    // At rest: the hash, never the token.
    const raw = new BetterSqlite3(path.join(h.dir, 'seatdesk.db'), { readonly: true });
    const rows = raw.prepare('SELECT * FROM wallboard_tokens').all() as Array<Record<string, unknown>>;
    raw.close();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(rows[0]?.secret_hash).toBe(crypto.createHash('sha256').update(secret).digest('hex'));

    const compare = vi.mocked(timingSafeEqual);
    compare.mockClear();
    expect(await h.wallboard.verifyToken(token)).toBe(true);
    expect(compare).toHaveBeenCalledTimes(1);
    expect(await h.wallboard.verifyToken(`${info.id}.${'x'.repeat(43)}`)).toBe(false);
    expect(await h.wallboard.verifyToken(`nosuchid1.${secret}`)).toBe(false);
    expect(compare).toHaveBeenCalledTimes(3); // unknown ids are compared too
    expect(await h.wallboard.verifyToken('')).toBe(false);
    expect(await h.wallboard.verifyToken(null)).toBe(false);

    const listed = (await h.call('wallboard.listTokens', {})) as Array<{ id: string; lastUsedAt: number | null }>;
    expect(listed).toMatchObject([{ id: info.id, name: 'TV by the door', revokedAt: null }]);
    expect(listed[0]?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(secret);

    await h.call('wallboard.revokeToken', { id: info.id });
    expect(await h.wallboard.verifyToken(token)).toBe(false);
    await expect(h.call('wallboard.revokeToken', { id: info.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('WallboardService: roles and read-only connections', () => {
  it('an agent calling supervisor methods gets forbidden', async () => {
    await twoAgents();
    h.profile.role = 'agent';
    for (const [method, payload] of [
      ['supervisor.forceNotReady', { agentId: 'a2', reason: 'break' }],
      ['supervisor.logOut', { agentId: 'a2' }],
      ['supervisor.reassign', { interactionId: 'x', toAgentId: 'a3' }],
      ['supervisor.alerts', {}],
      ['wallboard.createToken', { name: 'TV' }],
      ['wallboard.listTokens', {}],
      ['wallboard.saveAnnouncement', { kind: 'notice', text: 'Hi' }],
      [
        'wallboard.saveThresholds',
        {
          longestWaitWarningSeconds: 10,
          longestWaitCriticalSeconds: 20,
          serviceLevelGood: 0.9,
          serviceLevelWarning: 0.8,
        },
      ],
    ] as const) {
      await expect(h.call(method, payload), method).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(h.center.center.agent('a2')?.state).toBe('ready');
    // Everyone may look at the board.
    await expect(h.call('wallboard.snapshot', {})).resolves.toMatchObject({ rev: expect.any(Number) });
  });

  it('a read-only connection may read the board and nothing else, even as a supervisor', async () => {
    const readOnly = { readOnly: true, client: 'ws#1 wallboard' };
    await expect(h.call('wallboard.snapshot', {}, readOnly)).resolves.toBeDefined();
    await expect(h.call('wallboard.events', {}, readOnly)).resolves.toBeDefined();
    await expect(h.call('wallboard.createToken', { name: 'x' }, readOnly)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.call('supervisor.logOut', { agentId: 'local' }, readOnly)).rejects.toMatchObject({
      code: 'forbidden',
    });
    // Not mutating, but not for a wall screen either.
    await expect(h.call('wallboard.listTokens', {}, readOnly)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.call('supervisor.alerts', {}, readOnly)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('WallboardService: supervisor actions', () => {
  it('force Not ready, log out, reassign', async () => {
    await twoAgents();
    await h.call('supervisor.forceNotReady', { agentId: 'a2', reason: 'coaching' });
    expect(h.center.center.agent('a2')).toMatchObject({ state: 'not_ready', reason: 'coaching' });
    await expect(h.call('supervisor.forceNotReady', { agentId: 'a2', reason: 'missed' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await h.call('supervisor.logOut', { agentId: 'a2' });
    expect(h.center.center.agent('a2')?.state).toBe('offline');

    await h.center.center.setState('a2', 'ready');
    const call = await h.center.center.createInteraction({
      channel: 'voice',
      queueId: 'hotline',
      customerName: 'C',
      contact: '',
      subject: '',
    });
    await h.center.center.accept('a2', call.id);
    await expect(h.call('supervisor.reassign', { interactionId: call.id, toAgentId: 'a3' })).rejects.toMatchObject({
      code: 'conflict',
    }); // a3 is offline
    await h.center.center.setState('a3', 'ready');
    await h.call('supervisor.reassign', { interactionId: call.id, toAgentId: 'a3' });
    expect(h.center.center.interaction(call.id)).toMatchObject({ state: 'offered', offeredTo: 'a3' });
    await h.center.center.accept('a3', call.id);
    const snapshot = (await h.call('wallboard.snapshot', {})) as WallboardSnapshot;
    expect(snapshot.metrics.agents.find((a) => a.agentId === 'a3')?.currentInteractionId).toBe(call.id);
    expect(snapshot.metrics.agents.find((a) => a.agentId === 'a2')?.currentInteractionId).toBeNull();
    // Reassigned within the queue: still one contact offered and answered.
    expect(snapshot.metrics.queues.find((q) => q.queueId === 'hotline')?.today).toMatchObject({
      offered: 1,
      answered: 1,
    });
    await expect(h.call('supervisor.reassign', { interactionId: 'gone', toAgentId: 'a2' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('announcements reach the board; thresholds are checked and kept', async () => {
    const notice = (await h.call('wallboard.saveAnnouncement', { kind: 'notice', text: '班前会 8:50' })) as {
      id: string;
    };
    await h.call('wallboard.saveAnnouncement', { kind: 'kudos', text: 'Thanks Li Na!', active: false });
    let snapshot = (await h.call('wallboard.snapshot', {})) as WallboardSnapshot;
    expect(snapshot.announcements.map((a) => a.text)).toEqual(['班前会 8:50']);
    expect(snapshot.announcements[0]).toMatchObject({ author: 'Zhang Wei', kind: 'notice' });
    await h.call('wallboard.deleteAnnouncement', { id: notice.id });
    expect(((await h.call('wallboard.listAnnouncements', {})) as unknown[]).length).toBe(1);

    expect(snapshot.thresholds).toEqual({
      longestWaitWarningSeconds: 30,
      longestWaitCriticalSeconds: 120,
      serviceLevelGood: 0.9,
      serviceLevelWarning: 0.8,
    });
    await expect(
      h.call('wallboard.saveThresholds', {
        longestWaitWarningSeconds: 60,
        longestWaitCriticalSeconds: 30,
        serviceLevelGood: 0.9,
        serviceLevelWarning: 0.8,
      }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await h.call('wallboard.saveThresholds', {
      longestWaitWarningSeconds: 20,
      longestWaitCriticalSeconds: 60,
      serviceLevelGood: 0.95,
      serviceLevelWarning: 0.85,
    });
    snapshot = (await h.call('wallboard.snapshot', {})) as WallboardSnapshot;
    expect(snapshot.thresholds.longestWaitCriticalSeconds).toBe(60);
  });
});

describe('WallboardService: start', () => {
  it('a center that never starts holds up neither the services nor a caller for long', async () => {
    const { WallboardService } = await import('./wallboard-service');
    const stuck = new WallboardService({
      db: h.db,
      events: h.events,
      log: h.log,
      now: () => new Date(h.now()),
      dataDir: h.dir,
      profile: () => h.profile,
      center: { whenStarted: new Promise<void>(() => undefined) } as never,
      startWaitMs: 50,
    });
    await stuck.start();
    await expect(stuck.snapshot()).rejects.toMatchObject({ code: 'unavailable' });
    await stuck.close();
  });
});

describe('WallboardService: alerts', () => {
  it('fires once when the service level falls below target, and when the longest wait passes critical', async () => {
    await h.close();
    h = await wallboardHarness({ alertCheckMs: 10 });
    await twoAgents();
    const slAlert = h.next<Alert>('supervisor.alert', (a) => a.kind === 'service_level' && a.queueId === 'hotline');
    await handledCall('a2', 40 * sec, 10 * sec, 0); // answered after 40 s: SL 0 % < 80 %
    expect(await slAlert).toMatchObject({ value: 0, threshold: 0.8 });

    await h.center.center.setState('a2', 'not_ready', 'break');
    const waitAlert = h.next<Alert>('supervisor.alert', (a) => a.kind === 'longest_wait');
    await h.center.center.createInteraction({
      channel: 'voice',
      queueId: 'hotline',
      customerName: 'E',
      contact: '',
      subject: '',
    });
    h.advance(121 * sec);
    expect(await waitAlert).toMatchObject({ queueId: 'hotline', threshold: 120_000 });
    const alerts = (await h.call('supervisor.alerts', {})) as Alert[];
    expect(alerts.filter((a) => a.kind === 'service_level')).toHaveLength(1);
    expect(alerts[0]?.kind).toBe('longest_wait');
  });
});
