import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext';
import { alertText } from './SupervisorView';

/** A supervisor hears of a queue in trouble: in the app, and on the desktop when allowed. */
export function AlertNotifier() {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const supervisor = settings.profile.role === 'supervisor';
  const desktop = settings.notifications.desktop;
  useEffect(() => {
    if (!supervisor) return;
    if (desktop && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().catch(() => undefined);
    }
    return api.on('supervisor.alert', (alert) => {
      const message = alertText(t, alert, i18n.language);
      notifications.show({
        color: alert.kind === 'longest_wait' ? 'red' : 'orange',
        title: t('wallboard.alert.title'),
        message,
      });
      if (desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification(t('wallboard.alert.title'), { body: message, tag: `${alert.kind}:${alert.queueId}` });
      }
    });
  }, [api, supervisor, desktop, t, i18n.language]);
  return null;
}
