import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '../../../../shared/center/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { useCenter } from './CenterProvider';
import { offerBeep } from './offer-beep';

const toastId = (interactionId: string): string => `offer-${interactionId}`;

/**
 * Each offer the center flags with notify=true gets a toast with Accept, a short beep and,
 * when the window is in the background, a desktop notification. The center decides
 * notify (Not ready: only the agent's own follow-ups), so nothing here second-guesses it.
 */
export function OfferNotifier() {
  const { api, settings } = useApp();
  // Read at the moment of an offer, without re-subscribing on every settings change.
  const notifyWith = useRef(settings.notifications);
  useEffect(() => {
    notifyWith.current = settings.notifications;
  }, [settings.notifications]);
  const { store } = useCenter();
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const shown = useRef(new Set<string>());

  useEffect(() => {
    const accept = (interaction: Interaction): void => {
      notifications.hide(toastId(interaction.id));
      api
        .call('center.accept', { interactionId: interaction.id })
        .catch((error: unknown) =>
          notifications.show({ color: 'red', title: t('workspace.offer.acceptFailed'), message: errorMessage(error) }),
        );
    };
    const offOffer = api.on('center.offer', ({ interaction, notify }) => {
      if (!notify) return;
      const queue = store.queue(interaction.queueId)?.name ?? '';
      const channel = interaction.channel;
      const who = interaction.customerName || interaction.contact;
      const left = interaction.offerExpiresAt ? Math.max(3000, interaction.offerExpiresAt - Date.now()) : 15_000;
      shown.current.add(interaction.id);
      notifications.show({
        id: toastId(interaction.id),
        color: 'slate',
        autoClose: left,
        title: t('workspace.offer.title', { channel }),
        message: (
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" truncate>
              {queue ? t('workspace.offer.body', { customer: who, queue }) : who}
            </Text>
            <Button size="compact-xs" color="green" onClick={() => accept(interaction)} data-testid="offer-accept">
              {t('workspace.actions.accept')}
            </Button>
          </Group>
        ),
      });
      if (notifyWith.current.sound) offerBeep();
      if (
        notifyWith.current.desktop &&
        typeof Notification !== 'undefined' &&
        Notification.permission === 'granted' &&
        (document.visibilityState !== 'visible' || !document.hasFocus())
      ) {
        const desktop = new Notification(t('workspace.offer.title', { channel }), {
          body: queue ? `${who} · ${queue}` : who,
          tag: toastId(interaction.id),
        });
        desktop.onclick = () => {
          window.focus();
          desktop.close();
        };
      }
    });
    // The toast goes away once the offer is no longer waiting (accepted, declined, timed out, taken).
    const offStore = store.subscribe(() => {
      for (const id of [...shown.current]) {
        const current = store.interaction(id);
        if (current && current.state === 'offered' && current.offeredTo === store.me?.id) continue;
        notifications.hide(toastId(id));
        shown.current.delete(id);
      }
    });
    return () => {
      offOffer();
      offStore();
    };
  }, [api, store, t, errorMessage]);

  return null;
}
