import { notifications } from '@mantine/notifications';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodName, MethodRequest, MethodResponse } from '../../../../shared/api/contract';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { CenterStore, type CenterEvent } from './center-store';
import { OfferNotifier } from './OfferNotifier';
import { installWorkspaceTestHooks } from './test-hooks';

type CenterMethod = Extract<MethodName, `${'center' | 'chat' | 'tickets' | 'followUps' | 'customers'}.${string}`>;

interface CenterContextValue {
  readonly store: CenterStore;
  /** Runs a center method; a refusal becomes a translated toast that says what to do, and undefined is returned. */
  act<M extends CenterMethod>(
    method: M,
    request: MethodRequest<M>,
    failureTitle?: string,
  ): Promise<MethodResponse<M> | undefined>;
  reload(): void;
}

const CenterContext = createContext<CenterContextValue | null>(null);

/** How soon to ask again while the center is not there yet (starting up, or the link is down). */
const retryMs = 5000;

/**
 * Keeps the renderer's copy of the center current: the snapshot first, then events;
 * a reconnect loads the snapshot again because events may have been missed meanwhile.
 */
export function CenterProvider({ children }: { children: ReactNode }) {
  const { api, info } = useApp();
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [store] = useState(() => new CenterStore());
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      clearTimeout(retry);
      api.call('center.getSnapshot', {}).then(
        (snapshot) => !cancelled && !store.paused && store.loadSnapshot(snapshot),
        (error: unknown) => {
          if (cancelled) return;
          if (!store.paused) store.setError(error);
          retry = setTimeout(load, retryMs);
        },
      );
    };
    const apply = (event: CenterEvent): void => {
      if (!store.paused) store.apply(event);
    };
    const offs = [
      api.on('center.agentChanged', (agent) => apply({ type: 'agent', agent })),
      api.on('center.interactionChanged', (interaction) => apply({ type: 'interaction', interaction })),
      api.on('center.message', (message) => apply({ type: 'message', message })),
      api.on('center.ticketChanged', (ticket) => apply({ type: 'ticket', ticket })),
      api.on('center.followUpChanged', (followUp) => apply({ type: 'followUp', followUp })),
      api.on('center.customerChanged', (customer) => apply({ type: 'customer', customer })),
      api.on('center.offer', ({ interaction }) => apply({ type: 'interaction', interaction })),
      api.on('center.trainingChanged', ({ active }) => {
        apply({ type: 'training', active });
        // Training on or off changes queues and contacts wholesale.
        load();
      }),
      api.onResync(load),
    ];
    load();
    // Follow-ups join the queue at their due time: a cheap check each second.
    const timer = setInterval(() => store.tick(), 1000);
    return () => {
      cancelled = true;
      clearTimeout(retry);
      clearInterval(timer);
      offs.forEach((off) => off());
    };
  }, [api, store, generation]);

  useEffect(() => {
    // Only a host started with NODE_ENV=test hands the store to tests and benchmarks.
    return info?.testHooks ? installWorkspaceTestHooks(store) : undefined;
  }, [info?.testHooks, store]);

  const act = useCallback(
    async <M extends CenterMethod>(
      method: M,
      request: MethodRequest<M>,
      failureTitle?: string,
    ): Promise<MethodResponse<M> | undefined> => {
      try {
        return await api.call(method, request);
      } catch (error) {
        notifications.show({
          color: 'red',
          title: failureTitle ?? t('workspace.actionFailed'),
          message: errorMessage(error),
        });
        return undefined;
      }
    },
    [api, errorMessage, t],
  );

  const value = useMemo(() => ({ store, act, reload: () => setGeneration((g) => g + 1) }), [store, act]);
  return (
    <CenterContext.Provider value={value}>
      <OfferNotifier />
      {children}
    </CenterContext.Provider>
  );
}

/** True inside a CenterProvider (the Workspace mounts its own only when the app has none). */
export function useHasCenter(): boolean {
  return useContext(CenterContext) !== null;
}

export function useCenter(): CenterContextValue {
  const value = useContext(CenterContext);
  if (value === null) throw new Error('useCenter outside CenterProvider');
  return value;
}

/**
 * Reads one value from the store; the component renders again only when that value's
 * identity changes (the store replaces objects it updates and keeps the rest).
 */
export function useCenterValue<T>(select: (store: CenterStore) => T): T {
  const { store } = useCenter();
  return useSyncExternalStore(store.subscribe, () => select(store));
}
