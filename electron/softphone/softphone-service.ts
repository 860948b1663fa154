import { ApiError } from '../../shared/api/errors';
import type { PhoneState } from '../../shared/domain/status';
import {
  phoneAccountSchema,
  type CallHistoryItem,
  type PhoneAccount,
  type Registration,
  type SoftphoneState,
} from '../../shared/softphone/types';
import type { EventBus } from '../api/event-bus';
import type { Handlers } from '../api/registrar';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { AppStateStore } from '../settings/app-state';
import type { StatusService } from '../status/status-service';
import { ContractMediaBridge } from './contract-media-bridge';
import type { MediaBridge } from './media-bridge';
import { SipPhone, type CallRecord, type SipPhoneOptions } from './sip-phone';

export const accountKey = 'softphone.account';
const passwordKey = 'softphone.password';

export interface SoftphoneServiceDeps {
  readonly db: SqlClient;
  readonly events: EventBus;
  readonly log: Logger;
  readonly status: StatusService;
  readonly appState: AppStateStore;
  readonly secrets: SecretStore;
  /** The contract-backed bridge by default; tests pass a signaling-only one. */
  readonly media?: MediaBridge;
  /** Extra SipPhone options (tests shorten the keepalive). */
  readonly phoneOptions?: Partial<SipPhoneOptions>;
}

const unconfigured: SoftphoneState = {
  registration: { state: 'unconfigured', reason: null, detail: null, retryAt: null },
  lines: [],
};

function phoneStatus(registration: Registration): { state: PhoneState; detail: string | null } {
  return { state: registration.state, detail: registration.detail };
}

/**
 * The softphone as the rest of SeatDesk sees it: the account (password kept in
 * the secret store), one SipPhone for it, the call history, the status bar,
 * and the contract methods. Saving the account restarts the phone.
 */
export class SoftphoneService {
  readonly #deps: SoftphoneServiceDeps;
  readonly #log: Logger;
  readonly #bridge: ContractMediaBridge | undefined;
  readonly #media: MediaBridge;
  #phone: SipPhone | undefined;
  #account: PhoneAccount | null = null;
  #state: SoftphoneState = unconfigured;
  #restart: Promise<void> = Promise.resolve();

  constructor(deps: SoftphoneServiceDeps) {
    this.#deps = deps;
    this.#log = deps.log;
    if (deps.media) {
      this.#media = deps.media;
    } else {
      this.#bridge = new ContractMediaBridge(deps.events, deps.log.child('media'));
      this.#media = this.#bridge;
    }
  }

  /** Loads the stored account and starts the phone for it (registration continues in the background). */
  async start(): Promise<void> {
    this.#account = (await this.#deps.appState.read(accountKey, phoneAccountSchema)) ?? null;
    this.#publish(unconfigured);
    if (this.#account !== null) await this.#startPhone();
  }

  state(): SoftphoneState {
    return this.#state;
  }

  #publish(state: SoftphoneState): void {
    this.#state = state;
    this.#deps.events.emit('softphone.changed', state);
    this.#deps.status.setPhone(phoneStatus(state.registration));
  }

  async #startPhone(): Promise<void> {
    const account = this.#account;
    if (account === null) return;
    const password = await this.#deps.secrets.get(passwordKey);
    if (password === undefined) {
      this.#publish({
        registration: {
          state: 'failed',
          reason: 'config',
          detail: 'No password stored for the phone account',
          retryAt: null,
        },
        lines: [],
      });
      return;
    }
    this.#bridge?.setIceServers(account.iceServers);
    const phone = new SipPhone({ account, password, media: this.#media, log: this.#log, ...this.#deps.phoneOptions });
    this.#phone = phone;
    phone.onChange((state) => {
      if (this.#phone === phone) this.#publish(state);
    });
    phone.onIncoming((line) => this.#deps.events.emit('softphone.incoming', line));
    phone.onCallEnded((record) => void this.#saveCall(record));
    await phone.start();
  }

  async #stopPhone(): Promise<void> {
    const phone = this.#phone;
    this.#phone = undefined;
    await phone?.stop().catch((error: Error) => this.#log.warn('phone did not stop cleanly', { error: error.message }));
  }

  async #saveCall(record: CallRecord): Promise<void> {
    const item: CallHistoryItem = {
      id: `${record.sipCallId}:${record.lineId}`,
      direction: record.direction,
      remoteNumber: record.remoteNumber,
      remoteName: record.remoteName,
      localNumber: record.localNumber,
      line: record.slot,
      queue: record.queue,
      customerId: record.customerId,
      sipCallId: record.sipCallId,
      startedAt: record.startedAt,
      answeredAt: record.answeredAt,
      endedAt: record.endedAt,
      holdSeconds: record.holdSeconds,
      hangupBy: record.hangupBy,
      cause: record.cause,
      quality: record.quality,
      recordingId: null,
    };
    try {
      await this.#deps.db.run('calls.insert', item);
      this.#deps.events.emit('softphone.callLogged', item);
    } catch (error) {
      this.#log.error('call history not saved', { sipCallId: record.sipCallId, error: (error as Error).message });
    }
  }

  /** Serialises account changes so two quick saves never run two phones. */
  #serially(task: () => Promise<void>): Promise<void> {
    const run = this.#restart.then(task, task);
    this.#restart = run.catch(() => undefined);
    return run;
  }

  async #accountView(): Promise<{ account: PhoneAccount | null; passwordStored: boolean; passwordEncrypted: boolean }> {
    return {
      account: this.#account,
      passwordStored: (await this.#deps.secrets.get(passwordKey)) !== undefined,
      passwordEncrypted: this.#deps.secrets.encrypted,
    };
  }

  #requirePhone(): SipPhone {
    if (this.#phone === undefined)
      throw new ApiError('unavailable', 'No phone account is set up. Add one in Settings › Phone.');
    return this.#phone;
  }

  /** The network came back or the machine woke: reconnect now rather than after the backoff. */
  networkChanged(): void {
    this.#phone?.reconnectNow();
  }

  async close(): Promise<void> {
    await this.#restart;
    await this.#stopPhone();
  }

  handlers(): Pick<
    Handlers,
    | 'softphone.getAccount'
    | 'softphone.saveAccount'
    | 'softphone.removeAccount'
    | 'softphone.getState'
    | 'softphone.reconnect'
    | 'softphone.dial'
    | 'softphone.answer'
    | 'softphone.reject'
    | 'softphone.hangup'
    | 'softphone.hold'
    | 'softphone.mute'
    | 'softphone.dtmf'
    | 'softphone.transfer'
    | 'softphone.consult'
    | 'softphone.completeTransfer'
    | 'softphone.conference'
    | 'softphone.history'
    | 'media.attach'
    | 'media.respond'
    | 'media.connectionState'
    | 'media.reportStats'
  > {
    const done = {};
    return {
      'softphone.getAccount': () => this.#accountView(),
      'softphone.saveAccount': async ({ account, password }) => {
        if (this.#state.lines.length > 0) {
          // Saving restarts the phone, which would drop every call.
          throw new ApiError('conflict', 'Finish the calls in progress before changing the phone account.');
        }
        if (password === undefined && (await this.#deps.secrets.get(passwordKey)) === undefined) {
          throw new ApiError('bad_request', 'Enter the password for this account.');
        }
        await this.#serially(async () => {
          await this.#stopPhone();
          if (password !== undefined) await this.#deps.secrets.set(passwordKey, password);
          await this.#deps.appState.write(accountKey, account);
          this.#account = account;
          this.#log.info('phone account saved', { sipUri: account.sipUri, server: account.server });
          await this.#startPhone();
        });
        return this.#accountView();
      },
      'softphone.removeAccount': async () => {
        await this.#serially(async () => {
          await this.#stopPhone();
          await this.#deps.secrets.delete(passwordKey);
          await this.#deps.appState.write(accountKey, null);
          this.#account = null;
          this.#publish(unconfigured);
        });
        return this.#accountView();
      },
      'softphone.getState': () => this.#state,
      'softphone.reconnect': () => (this.networkChanged(), done),
      'softphone.dial': async ({ target }) => ({ lineId: await this.#requirePhone().dial(target) }),
      'softphone.answer': async ({ lineId }) => (await this.#requirePhone().answer(lineId), done),
      'softphone.reject': async ({ lineId }) => (await this.#requirePhone().reject(lineId), done),
      'softphone.hangup': async ({ lineId }) => (await this.#requirePhone().hangup(lineId), done),
      'softphone.hold': async ({ lineId, hold }) => (await this.#requirePhone().hold(lineId, hold), done),
      'softphone.mute': ({ lineId, muted }) => (this.#requirePhone().mute(lineId, muted), done),
      'softphone.dtmf': async ({ lineId, tones }) => (await this.#requirePhone().dtmf(lineId, tones), done),
      'softphone.transfer': async ({ lineId, target }) => (
        await this.#requirePhone().blindTransfer(lineId, target),
        done
      ),
      'softphone.consult': async ({ lineId, target }) => ({
        lineId: await this.#requirePhone().consult(lineId, target),
      }),
      'softphone.completeTransfer': async ({ lineId, consultLineId }) => (
        await this.#requirePhone().completeTransfer(lineId, consultLineId),
        done
      ),
      'softphone.conference': async ({ lineId, otherLineId }) => (
        await this.#requirePhone().conference(lineId, otherLineId),
        done
      ),
      'softphone.history': async ({ text, before, limit }) => {
        const items = await this.#deps.db.run('calls.search', { text, before, limit: limit + 1 });
        const page = items.slice(0, limit);
        const last = page.at(-1);
        return { items: page, next: items.length > limit && last ? { startedAt: last.startedAt, id: last.id } : null };
      },
      'media.attach': (_request, context) => {
        if (this.#bridge === undefined) throw new ApiError('conflict', 'This host runs its own media.');
        return { engineId: this.#bridge.attach(context.client) };
      },
      'media.respond': (answer, context) => ({ accepted: this.#bridge?.respond(answer, context.client) ?? false }),
      'media.connectionState': ({ engineId, lineId, state }, context) => {
        if (this.#bridge?.isCurrent(engineId, context.client)) this.#phone?.mediaState(lineId, state);
        return done;
      },
      'media.reportStats': ({ engineId, lineId, quality }, context) => {
        if (this.#bridge?.isCurrent(engineId, context.client)) this.#phone?.recordQuality(lineId, quality);
        return done;
      },
    };
  }
}
