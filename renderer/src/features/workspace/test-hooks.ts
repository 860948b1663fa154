import type { Interaction } from '../../../../shared/center/types';
import type { CenterStore } from './center-store';
import { syntheticSnapshot } from './fixtures';

/**
 * The unified queue reports each of its commits here (a layout effect: it runs once React has
 * written the DOM of the list and its rows). Free when nobody listens.
 */
const commitListeners = new Set<() => void>();

export function reportQueueCommit(): void {
  for (const listener of commitListeners) listener();
}

function nextCommit(timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const done = (): void => {
      commitListeners.delete(done);
      clearTimeout(timer);
      resolve(performance.now());
    };
    const timer = setTimeout(() => {
      commitListeners.delete(done);
      resolve(null);
    }, timeoutMs);
    commitListeners.add(done);
  });
}

export interface WorkspaceTestHooks {
  /** Replaces the center's data with `count` synthetic items and stops applying live events. */
  load(count: number): Promise<void>;
  /**
   * Changes one random item (a new customer message: unread and reply clock move, so it re-sorts)
   * and resolves with the milliseconds from the event until React committed the queue.
   */
  updateOne(): Promise<number | null>;
  itemCount(): number;
}

declare global {
  interface Window {
    /** Present only when the host runs with NODE_ENV=test (info.testHooks). */
    seatdeskWorkspaceTest?: WorkspaceTestHooks;
  }
}

/**
 * Installs `window.seatdeskWorkspaceTest` for the workspace benchmark. The measured span is what
 * an event costs the agent: applying it to the store, deriving the queue, React's render and
 * commit. (React's <Profiler> reports nothing in a production build, which is what agents run.)
 */
export function installWorkspaceTestHooks(store: CenterStore): () => void {
  let seed = 1;
  const random = (n: number): number => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  let ids: string[] = [];
  const hooks: WorkspaceTestHooks = {
    async load(count) {
      store.paused = true;
      const snapshot = syntheticSnapshot(count, Date.now());
      ids = snapshot.interactions.filter((i) => i.state === 'active').map((i) => i.id);
      const committed = nextCommit(5000);
      store.loadSnapshot(snapshot);
      await committed;
    },
    async updateOne() {
      const id = ids[random(ids.length)];
      const current = id ? store.interaction(id) : undefined;
      if (!current) return null;
      const now = Date.now();
      const next: Interaction = {
        ...current,
        unread: current.unread + 1,
        awaitingReplySince: now - random(120_000),
        lastCustomerText: `message ${now}`,
      };
      const committed = nextCommit(1000);
      const started = performance.now();
      store.apply({ type: 'interaction', interaction: next });
      const at = await committed;
      return at === null ? null : at - started;
    },
    itemCount: () => store.items.length,
  };
  window.seatdeskWorkspaceTest = hooks;
  return () => {
    if (window.seatdeskWorkspaceTest === hooks) delete window.seatdeskWorkspaceTest;
    store.paused = false;
  };
}
