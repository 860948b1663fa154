import { Alert, Box, Button, Group, Rating, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconPhoneCall, IconTicket } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { usePhone } from '../softphone/PhoneProvider';
import { useCenter, useCenterValue } from './CenterProvider';
import { Field } from './parts';

/** 回访: call the customer in one click, then the short record form that closes the ticket's loop. */
export function FollowUpForm({ followUpId, onOpenTicket }: { followUpId: string; onOpenTicket(id: string): void }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const { store } = useCenter();
  const phone = usePhone();
  const errorMessage = useErrorMessage();
  const followUp = useCenterValue((s) => s.followUp(followUpId));
  const ticket = useCenterValue((s) => (followUp ? s.ticket(followUp.ticketId) : undefined));
  const [reached, setReached] = useState<'yes' | 'no'>('yes');
  const [satisfaction, setSatisfaction] = useState(0);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [calling, setCalling] = useState(false);

  if (!followUp)
    return (
      <Text size="sm" c="dimmed" p="md">
        {t('workspace.conversation.gone')}
      </Text>
    );

  const done = followUp.state === 'done';
  const call = async (): Promise<void> => {
    setCalling(true);
    // The dock's own path: a refusal (no account, bad number) becomes the softphone's toast.
    await phone.act('softphone.dial', { target: followUp.phone }).finally(() => setCalling(false));
  };
  const complete = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const next = await api.call('followUps.complete', {
        followUpId,
        reached: reached === 'yes',
        satisfaction: reached === 'yes' && satisfaction > 0 ? satisfaction : null,
        notes,
      });
      store.apply({ type: 'followUp', followUp: next });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box p="sm" style={{ height: '100%', overflow: 'auto' }} data-testid="follow-up" data-state={followUp.state}>
      <Stack gap="xs" maw={520}>
        <Title order={2} fz="md">
          {t('workspace.followUp.title', { customer: followUp.customerName })}
        </Title>
        <Field label={t('workspace.followUp.phone')}>
          <Text size="sm" className="tabular">
            {followUp.phone}
          </Text>
        </Field>
        <Field label={t('workspace.followUp.due')}>{formatDateTime(i18n.language, followUp.dueAt)}</Field>
        <Field label={t('workspace.followUp.ticket')}>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconTicket size={14} />}
            onClick={() => onOpenTicket(followUp.ticketId)}
          >
            {ticket ? `#${ticket.number} ${ticket.subject}` : t('workspace.followUp.openTicket')}
          </Button>
        </Field>
        {!done && (
          <Group>
            <Button
              color="green"
              leftSection={<IconPhoneCall size={14} />}
              loading={calling}
              onClick={() => void call()}
              data-testid="follow-up-call"
            >
              {t('workspace.followUp.callNow')}
            </Button>
          </Group>
        )}
        <Text size="xs" fw={600} tt="uppercase" c="dimmed" mt="xs">
          {t('workspace.followUp.record')}
        </Text>
        {done && followUp.outcome ? (
          <Text size="sm">
            {followUp.outcome.reached ? t('workspace.followUp.wasReached') : t('workspace.followUp.wasNotReached')}
            {followUp.outcome.satisfaction !== null &&
              ` · ${t('workspace.wrap.rated', { value: followUp.outcome.satisfaction })}`}
            {followUp.outcome.notes && ` · ${followUp.outcome.notes}`}
          </Text>
        ) : (
          <>
            <Group gap="sm">
              <Text size="xs" c="dimmed">
                {t('workspace.followUp.reached')}
              </Text>
              <SegmentedControl
                value={reached}
                onChange={(v) => setReached(v as 'yes' | 'no')}
                data={[
                  { value: 'yes', label: t('workspace.followUp.yes') },
                  { value: 'no', label: t('workspace.followUp.no') },
                ]}
                data-testid="follow-up-reached"
              />
            </Group>
            {reached === 'yes' && (
              <Group gap="sm">
                <Text size="xs" c="dimmed">
                  {t('workspace.wrap.satisfaction')}
                </Text>
                <Rating value={satisfaction} onChange={setSatisfaction} data-testid="follow-up-satisfaction" />
                <Text size="xs" c="dimmed">
                  {satisfaction > 0 ? t('workspace.wrap.rated', { value: satisfaction }) : t('workspace.wrap.notRated')}
                </Text>
              </Group>
            )}
            <Textarea
              label={t('workspace.wrap.notes')}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={4000}
              size="xs"
              data-testid="follow-up-notes"
            />
            {error && (
              <Alert color="red" variant="light" p="xs">
                <Text size="xs">{error}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button loading={busy} onClick={() => void complete()} data-testid="follow-up-complete">
                {t('workspace.followUp.complete')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Box>
  );
}
