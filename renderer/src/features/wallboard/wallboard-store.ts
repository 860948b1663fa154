import { useEffect, useSyncExternalStore } from 'react';
import type { WallboardSnapshot } from '../../../../shared/wallboard/types';
import type { ApiClient } from '../../api/client';
import { resyncEveryMs } from './board-logic';

export interface WallboardData {
  readonly snapshot: WallboardSnapshot | null;
  /** Local time the last snapshot arrived (pushed or fetched): staleness counts from here. */
  readonly receivedAt: number | null;
  /** serverTime − local time at arrival: timers tick on the server's clock. */
  readonly offsetMs: number;
}

/**
 * The wallboard's data, outside React so a push, a resync and (under test hooks) a benchmark's
 * synthetic feed all go through one door.
 */
export class WallboardStore {
  #data: WallboardData = { snapshot: null, receivedAt: null, offsetMs: 0 };
  readonly #listeners = new Set<() => void>();

  get = (): WallboardData => this.#data;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  set(snapshot: WallboardSnapshot, receivedAt = Date.now()): void {
    const current = this.#data.snapshot;
    // A late answer to an older request must not undo a newer push.
    if (current && snapshot.serverTime < current.serverTime && snapshot.rev < current.rev) return;
    this.#data = { snapshot, receivedAt, offsetMs: snapshot.serverTime - receivedAt };
    for (const listener of this.#listeners) listener();
  }
}

export const wallboardStore = new WallboardStore();

/** Keeps the store fed: pushes as they come, a full snapshot on start, on reconnect and every 15 s. */
export function useWallboardFeed(api: ApiClient, store: WallboardStore = wallboardStore): void {
  useEffect(() => {
    let alive = true;
    const fetch = (): void =>
      void api.call('wallboard.snapshot', {}).then(
        (snapshot) => {
          if (alive) store.set(snapshot);
        },
        () => undefined, // stays stale; the banner says so
      );
    fetch();
    const timer = setInterval(fetch, resyncEveryMs);
    const offs = [api.on('wallboard.changed', (snapshot) => store.set(snapshot)), api.onResync(fetch)];
    return () => {
      alive = false;
      clearInterval(timer);
      offs.forEach((off) => off());
    };
  }, [api, store]);
}

export function useWallboardData(store: WallboardStore = wallboardStore): WallboardData {
  return useSyncExternalStore(store.subscribe, store.get);
}
