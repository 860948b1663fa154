import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { AppInfo } from '../../../shared/api/contract';
import type { WorkstationStatus } from '../../../shared/domain/status';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import type { ApiClient } from '../api/client';
import type { ConnectionState } from '../api/transport';

export interface Bootstrap {
  readonly info: AppInfo | null;
  readonly settings: Settings;
  readonly status: WorkstationStatus | null;
}

interface AppContextValue {
  readonly api: ApiClient;
  readonly info: AppInfo | null;
  readonly settings: Settings;
  readonly status: WorkstationStatus | null;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
}

const AppContext = createContext<AppContextValue | null>(null);

/**
 * Holds what every view needs: the API client, the settings and the status bar
 * data. Pushed events keep it current; a reconnect fetches it again because
 * events may have been missed meanwhile.
 */
export function AppProvider({ api, initial, children }: { api: ApiClient; initial: Bootstrap; children: ReactNode }) {
  const [info, setInfo] = useState(initial.info);
  const [settings, setSettings] = useState(initial.settings);
  const [status, setStatus] = useState(initial.status);

  useEffect(() => {
    const refresh = (): void => {
      void api.call('app.getInfo', {}).then(setInfo, () => undefined);
      void api.call('settings.get', {}).then(setSettings, () => undefined);
      void api.call('status.get', {}).then(setStatus, () => undefined);
    };
    const offs = [api.on('settings.changed', setSettings), api.on('status.changed', setStatus), api.onResync(refresh)];
    if (initial.info === null) refresh();
    return () => offs.forEach((off) => off());
  }, [api, initial.info]);

  const updateSettings = useCallback(
    async (patch: SettingsPatch) => {
      const next = await api.call('settings.update', patch);
      setSettings(next);
      return next;
    },
    [api],
  );

  return <AppContext.Provider value={{ api, info, settings, status, updateSettings }}>{children}</AppContext.Provider>;
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp outside AppProvider');
  return value;
}

export function useConnection(): ConnectionState {
  const { api } = useApp();
  return useSyncExternalStore(api.onConnection, api.connection);
}
