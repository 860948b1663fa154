import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';
import type { CenterEvent } from '../../shared/center/types';
import { startOfDay } from '../../shared/metrics/day';
import { MetricsEngine } from '../../shared/metrics/engine';
import type { wallboardMethods } from '../../shared/wallboard/contract';
import {
  defaultThresholds,
  thresholdsSchema,
  type Alert,
  type Announcement,
  type Thresholds,
  type TokenInfo,
  type WallboardSnapshot,
} from '../../shared/wallboard/types';
import type { Settings } from '../../shared/settings';
import type { EventBus } from '../api/event-bus';
import type { CallContext, Handlers } from '../api/registrar';
import type { CenterService } from '../center/center-service';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';

export interface WallboardServiceDeps {
  readonly db: SqlClient;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => Date;
  readonly dataDir: string;
  /** Who is working at this workstation (name and role, from Settings); role checks read it per call. */
  readonly profile: () => Settings['profile'];
  /** The center whose event log and live state the metrics are computed from. */
  readonly center: CenterService;
  /** Pushes of wallboard.changed come at most this often (default 250 ms). */
  readonly pushIntervalMs?: number;
  /** How often alerts are checked while nothing happens (a wait grows without events). Default 5 s. */
  readonly alertCheckMs?: number;
  /** How long a call waits for the board to start before it is answered 'unavailable' (default 10 s). */
  readonly startWaitMs?: number;
}

const thresholdsKey = 'wallboard.thresholds';
/** Contacts in flight at midnight were created before it: the log is read from this much earlier. */
const lookBackMs = 6 * 3_600_000;
const pageSize = 10_000;
const maxAlerts = 50;
/** A board resyncs every 15 s; one silent for this long has gone (closed tab, switched section). */
const watchMs = 45_000;

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** `<id>.<secret>`: the id finds the row, the secret is checked against its hash. */
function splitToken(token: string): { id: string; secret: string } | null {
  const match = /^([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{20,128})$/.exec(token);
  return match?.[1] && match[2] ? { id: match[1], secret: match[2] } : null;
}

/**
 * The wallboard and the supervisor's view: the metric engine (shared/metrics) fed with the
 * center's event log, pushed to screens on change (coalesced), wallboard tokens, the
 * announcement ticker, thresholds, alerts and the supervisor's actions on agents.
 */
export class WallboardService {
  readonly #deps: WallboardServiceDeps;
  readonly #pushIntervalMs: number;
  #engine: MetricsEngine | null = null;
  #rev = 0;
  #thresholds: Thresholds = defaultThresholds;
  #announcements: Announcement[] = [];
  readonly #alerts: Alert[] = [];
  /** Alerts raised and not yet recovered, per queue and kind: an alert fires once per crossing. */
  readonly #alerting = new Set<string>();
  #started: Promise<void> | null = null;
  #closed = false;
  #pulling: Promise<void> | null = null;
  #dirty = false;
  #lastPush = 0;
  #pushTimer: ReturnType<typeof setTimeout> | null = null;
  #alertTimer: ReturnType<typeof setInterval> | null = null;
  #off: (() => void) | null = null;
  /** Clients showing a board (they asked for a snapshot lately), until when: pushes go only to them. */
  readonly #watchers = new Map<string, number>();

  constructor(deps: WallboardServiceDeps) {
    this.#deps = deps;
    this.#pushIntervalMs = deps.pushIntervalMs ?? 250;
  }

  handlers(): Pick<Handlers, keyof typeof wallboardMethods> {
    return {
      'wallboard.snapshot': (_request, context) => {
        this.#watch(context.client);
        return this.snapshot();
      },
      'wallboard.events': ({ afterSeq, limit }) => this.todayEvents(afterSeq, limit),
      'wallboard.createToken': ({ name }, context) => {
        this.#supervisor(context);
        return this.createToken(name);
      },
      'wallboard.listTokens': (_request, context) => {
        this.#supervisor(context);
        return this.#deps.db.run('wallboard.listTokens');
      },
      'wallboard.revokeToken': async ({ id }, context) => {
        this.#supervisor(context);
        await this.revokeToken(id);
        return {};
      },
      'wallboard.listAnnouncements': (_request, context) => {
        this.#supervisor(context);
        return this.#deps.db.run('wallboard.listAnnouncements');
      },
      'wallboard.saveAnnouncement': (request, context) => {
        this.#supervisor(context);
        return this.saveAnnouncement(request);
      },
      'wallboard.deleteAnnouncement': async ({ id }, context) => {
        this.#supervisor(context);
        if (!(await this.#deps.db.run('wallboard.deleteAnnouncement', id))) {
          throw new ApiError('not_found', 'That announcement no longer exists.');
        }
        await this.#loadAnnouncements();
        return {};
      },
      'wallboard.saveThresholds': async (thresholds, context) => {
        this.#supervisor(context);
        this.#thresholds = thresholdsSchema.parse(thresholds);
        await this.#deps.db.run('kv.put', thresholdsKey, this.#thresholds, this.#deps.now().toISOString());
        this.#changed();
        return this.#thresholds;
      },
      'supervisor.forceNotReady': async ({ agentId, reason }, context) => {
        this.#supervisor(context);
        await this.#center().setState(agentId, 'not_ready', reason);
        return {};
      },
      'supervisor.logOut': async ({ agentId }, context) => {
        this.#supervisor(context);
        await this.#center().setState(agentId, 'offline');
        return {};
      },
      'supervisor.reassign': async ({ interactionId, toAgentId, note }, context) => {
        this.#supervisor(context);
        await this.reassign(interactionId, toAgentId, note);
        return {};
      },
      'supervisor.alerts': (_request, context) => {
        this.#supervisor(context);
        return [...this.#alerts];
      },
    };
  }

  /**
   * Background work after the services are up (never blocks the window). Resolves at once: the
   * board waits for the center, and a center that never starts must not hold up the services'
   * start or close. `whenReady` resolves once the log is read.
   */
  start(): Promise<void> {
    this.#started ??= this.#start().catch((error: unknown) =>
      this.#deps.log.error('wallboard did not start', { error: String(error) }),
    );
    return Promise.resolve();
  }

  /** Resolves once today's log is folded in (tests, and every handler before it answers). */
  async whenReady(): Promise<void> {
    void this.start();
    await this.#started;
  }

  async #start(): Promise<void> {
    const { db, center, events } = this.#deps;
    await center.whenStarted;
    const stored = await db.run('kv.get', thresholdsKey);
    const parsed = thresholdsSchema.safeParse(stored);
    if (parsed.success) this.#thresholds = parsed.data;
    await this.#loadAnnouncements();
    const now = this.#deps.now().getTime();
    const timeZone = this.#timeZone();
    const engine = new MetricsEngine({ timeZone, queues: center.center.queues(), startAt: now });
    const sinceAt = startOfDay(now, timeZone) - lookBackMs;
    engine.syncAgents(center.center.agents().map((a) => ({ id: a.id, name: a.name, skills: a.skills })));
    await this.#fold(engine, sinceAt);
    engine.syncAgents(center.center.agents());
    engine.syncWaiting(center.center.liveInteractions());
    this.#engine = engine;
    if (this.#closed) return;
    this.#off = events.subscribe((name) => {
      if (name === 'center.interactionChanged' || name === 'center.agentChanged') this.#changed();
    });
    this.#alertTimer = setInterval(() => this.#checkAlerts(), this.#deps.alertCheckMs ?? 5000);
    this.#alertTimer.unref?.();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#off?.();
    if (this.#pushTimer) clearTimeout(this.#pushTimer);
    if (this.#alertTimer) clearInterval(this.#alertTimer);
    await this.#pulling;
  }

  /** Everything a screen shows, as of now (the log is read up to its end first). */
  async snapshot(): Promise<WallboardSnapshot> {
    await this.#ready();
    await this.#pull();
    return this.#build();
  }

  /** Today's events after `afterSeq` (keyset), for recomputing the board's figures elsewhere. */
  async todayEvents(
    afterSeq: number,
    limit: number,
  ): Promise<{ events: CenterEvent[]; dayStart: number; timeZone: string }> {
    const timeZone = this.#timeZone();
    const dayStart = startOfDay(this.#deps.now().getTime(), timeZone);
    const events = await this.#deps.center.center.eventLog(dayStart, afterSeq, limit);
    return { events, dayStart, timeZone };
  }

  // ── tokens ────────────────────────────────────────────────────────────────

  async createToken(name: string): Promise<{ token: string; info: TokenInfo }> {
    const id = randomBytes(9).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    const info: TokenInfo = {
      id,
      name,
      createdAt: this.#deps.now().getTime(),
      createdBy: this.#deps.profile().displayName,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.#deps.db.run('wallboard.insertToken', { ...info, secretHash: sha256(secret).toString('hex') });
    this.#deps.log.info('wallboard token created', { id, name });
    return { token: `${id}.${secret}`, info };
  }

  async revokeToken(id: string): Promise<void> {
    if (!(await this.#deps.db.run('wallboard.revokeToken', id, this.#deps.now().getTime()))) {
      throw new ApiError('not_found', 'That token does not exist or is already revoked.');
    }
    this.#deps.log.info('wallboard token revoked', { id });
    // Screens already showing the board with it are cut off too, not only new ones.
    for (const listener of this.#revokeListeners) listener(id);
  }

  readonly #revokeListeners = new Set<(tokenId: string) => void>();

  /** The web host closes the bridge connections opened with a token when it is revoked. */
  onRevoke(listener: (tokenId: string) => void): () => void {
    this.#revokeListeners.add(listener);
    return () => this.#revokeListeners.delete(listener);
  }

  /** The id part of a presented token (`<id>.<secret>`), to tie a connection to it. */
  tokenId(token: string): string | null {
    return splitToken(token)?.id ?? null;
  }

  /**
   * Whether a presented token is one we issued and did not revoke. The secret's hash is compared
   * with the stored one in constant time (crypto.timingSafeEqual); an unknown id still hashes,
   * so a miss costs the same as a wrong secret.
   */
  async verifyToken(token: string | null | undefined): Promise<boolean> {
    if (typeof token !== 'string' || token.length > 300) return false;
    const parts = splitToken(token);
    const presented = sha256(parts?.secret ?? token);
    const stored = parts ? await this.#deps.db.run('wallboard.activeTokenHash', parts.id) : null;
    const expected = stored !== null && /^[0-9a-f]{64}$/.test(stored) ? Buffer.from(stored, 'hex') : sha256('');
    const equal = timingSafeEqual(presented, expected);
    if (!equal || !parts || stored === null) return false;
    await this.#deps.db.run('wallboard.touchToken', parts.id, this.#deps.now().getTime());
    return true;
  }

  // ── announcements and supervisor actions ─────────────────────────────────

  async saveAnnouncement(input: {
    id?: string | undefined;
    kind: Announcement['kind'];
    text: string;
    active: boolean;
  }): Promise<Announcement> {
    if (input.id !== undefined && (await this.#deps.db.run('wallboard.getAnnouncement', input.id)) === null) {
      throw new ApiError('not_found', 'That announcement no longer exists.');
    }
    const saved: Announcement = {
      id: input.id ?? randomUUID(),
      kind: input.kind,
      text: input.text,
      active: input.active,
      author: this.#deps.profile().displayName,
      updatedAt: this.#deps.now().getTime(),
    };
    await this.#deps.db.run('wallboard.putAnnouncement', saved);
    await this.#loadAnnouncements();
    return saved;
  }

  /**
   * Moves a contact in progress to another agent. The center's own transfer does it, in the
   * name of the agent holding it (the log shows a transfer from them to the new agent).
   */
  async reassign(interactionId: string, toAgentId: string, note: string): Promise<void> {
    const center = this.#center();
    const interaction = center.interaction(interactionId);
    if (!interaction) throw new ApiError('not_found', 'That contact has ended.');
    if (interaction.state !== 'active' || interaction.agentId === null) {
      throw new ApiError('conflict', 'Only a contact in progress can be reassigned.');
    }
    if (interaction.agentId === toAgentId) throw new ApiError('conflict', 'That agent already has this contact.');
    const supervisor = this.#deps.profile().displayName;
    await center.transfer(
      interaction.agentId,
      interactionId,
      { agentId: toAgentId },
      note || `Reassigned by ${supervisor}`,
    );
  }

  // ── internals ─────────────────────────────────────────────────────────────

  #center() {
    return this.#deps.center.center;
  }

  /** The center's time zone: its first queue's (queues of one center share it). */
  #timeZone(): string {
    return this.#center().queues()[0]?.businessHours.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  #supervisor(context: CallContext): void {
    if (context.readOnly) throw new ApiError('forbidden', 'A wallboard connection may only read.');
    if (this.#deps.profile().role !== 'supervisor') {
      throw new ApiError('forbidden', 'Only supervisors may do this.');
    }
  }

  async #ready(): Promise<MetricsEngine> {
    if (!this.#engine) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        this.whenReady(),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#deps.startWaitMs ?? 10_000))),
      ]).finally(() => clearTimeout(timer));
    }
    if (!this.#engine) throw new ApiError('unavailable', 'The wallboard is starting up; try again in a moment.');
    return this.#engine;
  }

  async #loadAnnouncements(): Promise<void> {
    this.#announcements = (await this.#deps.db.run('wallboard.listAnnouncements')).filter((a) => a.active);
    this.#changed();
  }

  async #fold(engine: MetricsEngine, sinceAt: number): Promise<void> {
    for (;;) {
      const page = await this.#center().eventLog(sinceAt, Math.max(0, engine.lastSeq), pageSize);
      engine.applyAll(page);
      if (page.length < pageSize) return;
    }
  }

  /** Reads the log's new events into the engine (one read at a time; a change meanwhile reads again). */
  async #pull(): Promise<void> {
    const engine = this.#engine;
    if (!engine) return;
    if (this.#pulling) {
      this.#dirty = true;
      await this.#pulling;
      if (!this.#dirty) return;
    }
    this.#pulling = (async () => {
      do {
        this.#dirty = false;
        engine.setQueues(this.#center().queues());
        await this.#fold(engine, 0);
        engine.syncAgents(this.#center().agents());
      } while (this.#dirty && !this.#closed);
    })().finally(() => (this.#pulling = null));
    await this.#pulling;
  }

  #build(): WallboardSnapshot {
    const engine = this.#engine;
    if (!engine) throw new ApiError('unavailable', 'The wallboard is starting up.');
    const now = this.#deps.now().getTime();
    this.#rev += 1;
    return {
      rev: this.#rev,
      serverTime: now,
      metrics: engine.snapshot(now),
      thresholds: this.#thresholds,
      announcements: this.#announcements,
      alerts: this.#alerts.slice(0, 10),
    };
  }

  /** Something changed: push soon, at most every pushIntervalMs (the first change at once). */
  #changed(): void {
    if (!this.#engine || this.#closed || this.#pushTimer) return;
    const wait = Math.max(0, this.#lastPush + this.#pushIntervalMs - Date.now());
    this.#pushTimer = setTimeout(() => {
      this.#pushTimer = null;
      this.#lastPush = Date.now();
      void this.#push().catch((error: unknown) =>
        this.#deps.log.warn('wallboard push failed', { error: String(error) }),
      );
    }, wait);
  }

  async #push(): Promise<void> {
    await this.#pull();
    if (this.#closed) return;
    const snapshot = this.#build();
    // A snapshot of a 500-seat floor is ~100 kB: it goes to the boards, not to every agent's window.
    const now = Date.now();
    for (const [client, until] of this.#watchers) {
      if (until < now) this.#watchers.delete(client);
      else this.#deps.events.emit('wallboard.changed', snapshot, client);
    }
    this.#evaluate(snapshot);
  }

  #watch(client: string): void {
    this.#watchers.set(client, Date.now() + watchMs);
  }

  #checkAlerts(): void {
    if (!this.#engine || this.#closed) return;
    this.#evaluate(this.#build());
  }

  /** Raises an alert when a queue crosses into trouble; it re-arms once the queue recovers. */
  #evaluate(snapshot: WallboardSnapshot): void {
    const critical = snapshot.thresholds.longestWaitCriticalSeconds * 1000;
    for (const q of snapshot.metrics.queues) {
      const sl = q.today.serviceLevel;
      this.#alert(
        q.queueId,
        q.name,
        'service_level',
        sl !== null && sl < q.serviceLevel.target,
        sl ?? 0,
        q.serviceLevel.target,
        snapshot.serverTime,
      );
      this.#alert(
        q.queueId,
        q.name,
        'longest_wait',
        q.longestWaitMs >= critical,
        q.longestWaitMs,
        critical,
        snapshot.serverTime,
      );
    }
  }

  #alert(
    queueId: string,
    queueName: string,
    kind: Alert['kind'],
    bad: boolean,
    value: number,
    threshold: number,
    at: number,
  ): void {
    const key = `${kind}:${queueId}`;
    if (!bad) {
      this.#alerting.delete(key);
      return;
    }
    if (this.#alerting.has(key)) return;
    this.#alerting.add(key);
    const alert: Alert = { id: randomUUID(), at, queueId, queueName, kind, value, threshold };
    this.#alerts.unshift(alert);
    this.#alerts.length = Math.min(this.#alerts.length, maxAlerts);
    this.#deps.log.info('wallboard alert', { queueId, kind, value, threshold });
    this.#deps.events.emit('supervisor.alert', alert);
  }
}
