import { flushSync } from 'react-dom';
import type { WallboardSnapshot } from '../../../../shared/wallboard/types';
import type { WallboardStore } from './wallboard-store';

export interface WallboardTestHooks {
  /**
   * Puts a synthetic snapshot on the board and answers how long React took to render and
   * commit it (ms), measured around a synchronous update (flushSync).
   */
  feed(snapshot: WallboardSnapshot): number;
}

declare global {
  interface Window {
    seatdeskWallboardTest?: WallboardTestHooks;
  }
}

/** Only a host started with NODE_ENV=test (info.testHooks) gets these; benchmarks use them. */
export function installWallboardTestHooks(store: WallboardStore): () => void {
  window.seatdeskWallboardTest = {
    feed(snapshot) {
      const started = performance.now();
      flushSync(() => store.set(snapshot));
      return performance.now() - started;
    },
  };
  return () => {
    delete window.seatdeskWallboardTest;
  };
}
