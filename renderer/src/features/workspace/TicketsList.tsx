import {
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import {
  ticketPriorities,
  ticketStatuses,
  type Ticket,
  type TicketPriority,
  type TicketStatus,
} from '../../../../shared/center/types';
import { slaLevel } from '../../../../shared/center/work-items';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { useNow } from '../../hooks/useNow';
import { useCenter, useCenterValue } from './CenterProvider';
import { border, slaColor } from './parts';

type Cursor = { updatedAt: number; id: string };

export function NewTicketDialog({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose(): void;
  onCreated(ticket: Ticket): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const { store } = useCenter();
  const errorMessage = useErrorMessage();
  const queues = useCenterValue((s) => s.queues);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<TicketPriority>('normal');
  const [queueId, setQueueId] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const ticket = await api.call('tickets.create', {
        subject: subject.trim(),
        description,
        requesterId: null,
        priority,
        queueId,
        tags,
      });
      store.apply({ type: 'ticket', ticket });
      setSubject('');
      setDescription('');
      setTags([]);
      onCreated(ticket);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('workspace.tickets.new')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="xs">
        <TextInput
          data-autofocus
          required
          label={t('workspace.ticket.subject')}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          maxLength={300}
          data-testid="new-ticket-subject"
        />
        <Textarea
          label={t('workspace.ticket.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          size="xs"
        />
        <Group grow gap="xs">
          <Select
            label={t('workspace.ticket.priority')}
            data={ticketPriorities.map((p) => ({ value: p, label: t(`workspace.priority.${p}`) }))}
            value={priority}
            onChange={(v) => v && setPriority(v as TicketPriority)}
            allowDeselect={false}
          />
          <Select
            label={t('workspace.ticket.queue')}
            placeholder={t('workspace.ticket.noQueue')}
            data={[...queues.values()]
              .filter((q) => q.channel === 'ticket')
              .map((q) => ({ value: q.id, label: q.name }))}
            value={queueId}
            onChange={setQueueId}
            clearable
          />
        </Group>
        <TagsInput label={t('workspace.ticket.tags')} value={tags} onChange={setTags} maxTags={30} size="xs" />
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('workspace.cancel')}
          </Button>
          <Button
            disabled={subject.trim() === ''}
            loading={busy}
            onClick={() => void submit()}
            data-testid="new-ticket-submit"
          >
            {t('workspace.tickets.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** All tickets, searchable, by status, newest change first; keyset "Load more". */
export function TicketsList({ onOpen }: { onOpen(ticketId: string): void }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const now = useNow(30_000);
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text, 200);
  const [status, setStatus] = useState<TicketStatus | null>(null);
  const [mine, setMine] = useState(false);
  const [tickets, setTickets] = useState<readonly Ticket[]>([]);
  const [next, setNext] = useState<Cursor | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const request = useMemo(
    () => ({
      ...(status ? { status } : {}),
      mine,
      ...(query.trim() ? { text: query.trim() } : {}),
      limit: 50,
    }),
    [status, mine, query],
  );
  const fetchMore = async (before: Cursor): Promise<void> => {
    setLoading(true);
    try {
      const page = await api.call('tickets.list', { ...request, before });
      setTickets((current) => [...current, ...page.tickets]);
      setNext(page.next);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  // The first page whenever a filter changes; "Load more" pages on from the cursor.
  useEffect(() => {
    let cancelled = false;
    api.call('tickets.list', request).then(
      (page) => {
        if (cancelled) return;
        setTickets(page.tickets);
        setNext(page.next);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [api, request]);

  // A ticket changed elsewhere: update it in place if listed.
  useEffect(
    () =>
      api.on('center.ticketChanged', (ticket) =>
        setTickets((current) =>
          current.some((x) => x.id === ticket.id) ? current.map((x) => (x.id === ticket.id ? ticket : x)) : current,
        ),
      ),
    [api],
  );

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }} data-testid="tickets-list">
      <Group gap={6} p="xs" wrap="nowrap" style={{ borderBottom: border }}>
        <TextInput
          style={{ flex: 1 }}
          leftSection={<IconSearch size={12} />}
          placeholder={t('workspace.tickets.search')}
          aria-label={t('workspace.tickets.search')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-testid="tickets-search"
        />
        <Select
          w={130}
          placeholder={t('workspace.tickets.anyStatus')}
          aria-label={t('workspace.ticket.status')}
          data={ticketStatuses.map((s) => ({ value: s, label: t(`workspace.ticketStatus.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as TicketStatus | null)}
          clearable
        />
        <Checkbox
          size="xs"
          label={t('workspace.tickets.mine')}
          checked={mine}
          onChange={(e) => setMine(e.currentTarget.checked)}
        />
      </Group>
      <Box style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {error !== null && (
          <Text size="xs" c="red" p="sm">
            {errorMessage(error)}
          </Text>
        )}
        {tickets.length === 0 && !loading && error === null && (
          <Text size="xs" c="dimmed" ta="center" p="md">
            {t('workspace.tickets.empty')}
          </Text>
        )}
        {tickets.map((ticket) => {
          const closed = ticket.status === 'solved' || ticket.status === 'closed';
          const level = slaLevel(
            { dueAt: ticket.dueAt, windowMs: Math.max(60_000, ticket.dueAt - ticket.createdAt), timed: !closed },
            now,
          );
          return (
            <UnstyledButton
              key={ticket.id}
              onClick={() => onOpen(ticket.id)}
              w="100%"
              px="sm"
              py={6}
              style={{ display: 'block', borderBottom: border }}
              data-testid="ticket-row"
            >
              <Group gap={6} wrap="nowrap">
                <Text size="xs" c="dimmed" className="tabular" w={52} style={{ flexShrink: 0 }}>
                  #{ticket.number}
                </Text>
                <Text size="sm" fw={500} truncate style={{ flex: 1, minWidth: 0 }}>
                  {ticket.subject}
                </Text>
                <Badge size="xs" variant="light" color="gray" style={{ textTransform: 'none', flexShrink: 0 }}>
                  {t(`workspace.ticketStatus.${ticket.status}`)}
                </Badge>
              </Group>
              <Group gap={6} wrap="nowrap" mt={2}>
                <Text size="xs" c="dimmed" w={52} style={{ flexShrink: 0 }}>
                  {t(`workspace.priority.${ticket.priority}`)}
                </Text>
                <Text size="xs" c="dimmed" truncate style={{ flex: 1, minWidth: 0 }}>
                  {ticket.requesterName}
                </Text>
                {!closed && (
                  <Text size="xs" c={slaColor(level)} style={{ flexShrink: 0 }}>
                    {t(`workspace.sla.${level}`)} · {formatDateTime(i18n.language, ticket.dueAt)}
                  </Text>
                )}
              </Group>
            </UnstyledButton>
          );
        })}
        {next && (
          <Group justify="center" p="xs">
            <Button
              size="xs"
              variant="default"
              loading={loading}
              onClick={() => void fetchMore(next)}
              data-testid="tickets-more"
            >
              {t('workspace.tickets.more')}
            </Button>
          </Group>
        )}
      </Box>
    </Box>
  );
}
