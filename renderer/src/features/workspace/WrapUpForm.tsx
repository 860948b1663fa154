import { Alert, Badge, Button, Group, Rating, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconClockPlus, IconTicket } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimer } from '../../../../shared/format';
import type { Interaction } from '../../../../shared/center/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { useNow } from '../../hooks/useNow';
import { useCenter, useCenterValue } from './CenterProvider';
import { border } from './parts';

const extendSeconds = 60;

/** 话后处理: disposition, notes, a linked ticket and (for calls) satisfaction, against the ACW clock. */
export function WrapUpForm({
  interaction,
  onOpenTicket,
}: {
  interaction: Interaction;
  onOpenTicket(id: string): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const { act, store } = useCenter();
  const errorMessage = useErrorMessage();
  const queue = useCenterValue((s) => s.queue(interaction.queueId));
  const items = useCenterValue((s) => s.items);
  const now = useNow();
  const [disposition, setDisposition] = useState<string | null>(interaction.disposition);
  const [notes, setNotes] = useState(interaction.wrapNotes);
  // Undefined follows the interaction (a ticket made from the chat header links itself); a choice wins.
  const [ticketChoice, setTicketId] = useState<string | null | undefined>(undefined);
  const ticketId = ticketChoice === undefined ? interaction.ticketId : ticketChoice;
  const [satisfaction, setSatisfaction] = useState<number>(interaction.satisfaction ?? 0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'submit' | 'ticket' | 'extend' | null>(null);

  const required = queue?.dispositionRequired ?? false;
  const left = interaction.wrapEndsAt === null ? null : Math.ceil((interaction.wrapEndsAt - now) / 1000);
  const ticketOptions = items.filter((i) => i.kind === 'ticket').map((i) => ({ value: i.refId, label: i.title }));
  if (ticketId && !ticketOptions.some((o) => o.value === ticketId)) {
    const ticket = store.ticket(ticketId);
    ticketOptions.unshift({ value: ticketId, label: ticket ? `#${ticket.number} ${ticket.subject}` : ticketId });
  }

  const createTicket = async (): Promise<void> => {
    setBusy('ticket');
    try {
      const ticket = await api.call('tickets.create', {
        subject:
          interaction.subject ||
          t('workspace.wrap.ticketSubject', { customer: interaction.customerName || interaction.contact }),
        description: notes,
        requesterId: interaction.customerId,
        priority: 'normal',
        queueId: null,
        tags: [],
        fromInteractionId: interaction.id,
      });
      store.apply({ type: 'ticket', ticket });
      setTicketId(ticket.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const submit = async (): Promise<void> => {
    if (required && !disposition) {
      setError(t('workspace.wrap.dispositionRequired'));
      return;
    }
    setBusy('submit');
    setError(null);
    try {
      const done = await api.call('center.wrapUp', {
        interactionId: interaction.id,
        disposition,
        notes,
        ticketId,
        satisfaction: interaction.channel === 'voice' && satisfaction > 0 ? satisfaction : null,
      });
      store.apply({ type: 'interaction', interaction: done });
    } catch (e) {
      // The service's own reason (e.g. a disposition this queue requires): shown here, the form keeps its values.
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap={8} p="sm" style={{ borderTop: border }} data-testid="wrap-up">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm">
          {t('workspace.wrap.title')}
        </Text>
        <Group gap={6} wrap="nowrap">
          {left !== null && (
            <Badge
              variant="light"
              color={left <= 0 ? 'red' : left <= 15 ? 'yellow' : 'gray'}
              className="tabular"
              style={{ textTransform: 'none' }}
              data-testid="acw-countdown"
            >
              {left > 0 ? t('workspace.wrap.left', { time: formatTimer(left) }) : t('workspace.wrap.overdue')}
            </Badge>
          )}
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconClockPlus size={14} />}
            loading={busy === 'extend'}
            onClick={() => {
              setBusy('extend');
              void act('center.extendWrap', { interactionId: interaction.id, seconds: extendSeconds }).then((next) => {
                if (next) store.apply({ type: 'interaction', interaction: next });
                setBusy(null);
              });
            }}
            data-testid="extend-wrap"
          >
            {t('workspace.wrap.extend', { seconds: extendSeconds })}
          </Button>
        </Group>
      </Group>
      <Select
        label={t('workspace.wrap.disposition')}
        placeholder={t('workspace.wrap.dispositionPlaceholder')}
        data={queue?.dispositions ?? []}
        value={disposition}
        onChange={setDisposition}
        required={required}
        withAsterisk={required}
        searchable
        clearable={!required}
        data-testid="disposition"
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label={t('workspace.wrap.notes')}
        value={notes}
        onChange={(event) => setNotes(event.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={4000}
        size="xs"
        data-testid="wrap-notes"
      />
      <Group gap={6} align="flex-end" wrap="nowrap">
        <Select
          style={{ flex: 1 }}
          label={t('workspace.wrap.ticket')}
          placeholder={t('workspace.wrap.noTicket')}
          data={ticketOptions}
          value={ticketId}
          onChange={setTicketId}
          clearable
          searchable
          data-testid="wrap-ticket"
        />
        {ticketId ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconTicket size={14} />}
            onClick={() => onOpenTicket(ticketId)}
          >
            {t('workspace.wrap.openTicket')}
          </Button>
        ) : (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconTicket size={14} />}
            loading={busy === 'ticket'}
            onClick={() => void createTicket()}
            data-testid="wrap-create-ticket"
          >
            {t('workspace.wrap.createTicket')}
          </Button>
        )}
      </Group>
      {interaction.channel === 'voice' && (
        <Group gap="sm">
          <Text size="xs" c="dimmed">
            {t('workspace.wrap.satisfaction')}
          </Text>
          <Rating value={satisfaction} onChange={setSatisfaction} count={5} data-testid="wrap-satisfaction" />
          <Text size="xs" c="dimmed">
            {satisfaction > 0 ? t('workspace.wrap.rated', { value: satisfaction }) : t('workspace.wrap.notRated')}
          </Text>
        </Group>
      )}
      {interaction.channel === 'chat' && interaction.satisfaction !== null && (
        <Text size="xs" c="dimmed">
          {t('workspace.wrap.customerRated', { value: interaction.satisfaction })}
        </Text>
      )}
      {error && (
        <Alert color="red" variant="light" p="xs" data-testid="wrap-error">
          <Text size="xs">{error}</Text>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={() => void submit()} loading={busy === 'submit'} data-testid="wrap-submit">
          {t('workspace.wrap.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
