import { notifications } from '@mantine/notifications';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodName, MethodRequest, MethodResponse } from '../../../../shared/api/contract';
import type { Line, SoftphoneState } from '../../../../shared/softphone/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { Ringtone } from '../../media/ringtone';

type PhoneMethod = Extract<MethodName, `softphone.${string}`>;

interface PhoneContextValue {
  readonly state: SoftphoneState;
  /** Runs a softphone method; a refusal becomes a translated toast, and undefined is returned. */
  act<M extends PhoneMethod>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M> | undefined>;
  /** The line the dock's buttons and the shortcuts act on. */
  readonly current: Line | undefined;
  select(lineId: string): void;
  /** Silences a ringing call here without rejecting it: it keeps ringing for the caller (and the queue). */
  ignore(lineId: string): void;
  readonly ignored: ReadonlySet<string>;
}

const PhoneContext = createContext<PhoneContextValue | null>(null);

const initial: SoftphoneState = {
  registration: { state: 'unconfigured', reason: null, detail: null, retryAt: null },
  lines: [],
};

/** Picks the line an agent most likely means: ringing first, then the live unheld one. */
function defaultLine(lines: readonly Line[]): Line | undefined {
  return (
    lines.find((l) => l.state === 'ringing') ??
    lines.find((l) => l.state === 'connected' && !l.held) ??
    lines.find((l) => l.state !== 'ended')
  );
}

export function PhoneProvider({ children }: { children: ReactNode }) {
  const { api, settings } = useApp();
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [state, setState] = useState<SoftphoneState>(initial);
  const [selected, setSelected] = useState<string | null>(null);
  const [ignored, setIgnored] = useState<ReadonlySet<string>>(new Set());
  const ringtone = useRef<Ringtone | null>(null);

  useEffect(() => {
    const load = (): void => void api.call('softphone.getState', {}).then(setState, () => undefined);
    const offs = [
      api.on('softphone.changed', setState),
      api.onResync(load),
      api.on('softphone.incoming', (line) => {
        const caller = line.remote.displayName ?? line.remote.number;
        // The in-app toast; the dock shows the Answer button on the line itself.
        notifications.show({
          id: `incoming-${line.id}`,
          color: 'green',
          autoClose: false,
          title: line.waiting ? t('softphone.line.waiting') : t('softphone.incoming.title'),
          message: line.queue ? t('softphone.incoming.body', { caller, queue: line.queue }) : caller,
        });
        if (
          typeof Notification !== 'undefined' &&
          Notification.permission === 'granted' &&
          document.visibilityState !== 'visible'
        ) {
          new Notification(t('softphone.incoming.title'), {
            body: line.queue ? `${caller} · ${line.queue}` : caller,
            tag: line.id,
          });
        }
      }),
    ];
    load();
    // Back online (Wi-Fi, VPN, docking station): register again now rather than after the backoff.
    const online = (): void => void api.call('softphone.reconnect', {}).catch(() => undefined);
    window.addEventListener('online', online);
    return () => {
      offs.forEach((off) => off());
      window.removeEventListener('online', online);
    };
  }, [api, t]);

  // Ring while any line rings (not for a waiting call: a soft beep is the toast).
  const ringing = state.lines.some((l) => l.state === 'ringing' && !l.waiting && !ignored.has(l.id));
  useEffect(() => {
    ringtone.current ??= new Ringtone();
    if (ringing) void ringtone.current.start(settings.audio.ringId);
    else ringtone.current.stop();
  }, [ringing, settings.audio.ringId]);

  // Toasts of calls that stopped ringing (answered, rejected, cancelled, gone) go away by themselves.
  const toasted = useRef(new Set<string>());
  useEffect(() => {
    for (const line of state.lines) if (line.state === 'ringing') toasted.current.add(line.id);
    for (const id of [...toasted.current]) {
      if (!state.lines.some((l) => l.id === id && l.state === 'ringing')) {
        notifications.hide(`incoming-${id}`);
        toasted.current.delete(id);
      }
    }
  }, [state.lines]);

  const act = useCallback(
    async <M extends PhoneMethod>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M> | undefined> => {
      try {
        return await api.call(method, request);
      } catch (error) {
        notifications.show({ color: 'red', title: t('softphone.actionFailed'), message: errorMessage(error) });
        return undefined;
      }
    },
    [api, errorMessage, t],
  );

  const current = state.lines.find((l) => l.id === selected) ?? defaultLine(state.lines);
  const ignore = useCallback((lineId: string) => {
    setIgnored((previous) => new Set(previous).add(lineId));
    notifications.hide(`incoming-${lineId}`);
  }, []);
  const value = useMemo(
    () => ({ state, act, current, select: setSelected, ignore, ignored }),
    [state, act, current, ignore, ignored],
  );
  return <PhoneContext.Provider value={value}>{children}</PhoneContext.Provider>;
}

export function usePhone(): PhoneContextValue {
  const value = useContext(PhoneContext);
  if (value === null) throw new Error('usePhone outside PhoneProvider');
  return value;
}
