import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  UnstyledButton,
} from '@mantine/core';
import {
  IconCrown,
  IconLink,
  IconMessageCircle,
  IconPhone,
  IconSearch,
  IconTicket,
  IconUserPlus,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatTimer } from '../../../../shared/format';
import type { CustomerHistory } from '../../../../shared/center/contract';
import type { Customer, Interaction } from '../../../../shared/center/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { EmptyState } from '../../shell/EmptyState';
import { IconUserCircle } from '@tabler/icons-react';
import { useCenter, useCenterValue } from './CenterProvider';
import { border, Field } from './parts';

const vipColor = { none: 'gray', silver: 'gray', gold: 'yellow', platinum: 'violet' } as const;

interface HistoryRow {
  readonly key: string;
  readonly at: number;
  readonly kind: 'call' | 'chat' | 'ticket';
  readonly title: string;
  readonly detail: string;
  readonly ticketId?: string;
}

function historyRows(history: CustomerHistory, t: ReturnType<typeof useTranslation>['t']): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const call of history.calls)
    rows.push({
      key: `c:${call.id}`,
      at: call.startedAt,
      kind: 'call',
      title: call.direction === 'inbound' ? t('workspace.customer.callIn') : t('workspace.customer.callOut'),
      detail: [
        call.answeredAt === null
          ? t('workspace.customer.missed')
          : formatTimer((call.endedAt - call.answeredAt) / 1000),
        call.queue,
        call.recordingId ? t('workspace.customer.recorded') : null,
      ]
        .filter(Boolean)
        .join(' · '),
    });
  for (const i of history.interactions) {
    // Calls come from the call log (with recordings); the interaction list adds the chats.
    if (i.channel !== 'chat') continue;
    rows.push({
      key: `i:${i.id}`,
      at: i.createdAt,
      kind: 'chat',
      title: i.subject || t('workspace.channel.chat'),
      detail: [i.disposition, i.satisfaction ? t('workspace.wrap.rated', { value: i.satisfaction }) : null]
        .filter(Boolean)
        .join(' · '),
    });
  }
  for (const ticket of history.tickets)
    rows.push({
      key: `t:${ticket.id}`,
      at: ticket.createdAt,
      kind: 'ticket',
      title: `#${ticket.number} ${ticket.subject}`,
      detail: t(`workspace.ticketStatus.${ticket.status}`),
      ticketId: ticket.id,
    });
  return rows.sort((a, b) => b.at - a.at);
}

const kindIcon = { call: IconPhone, chat: IconMessageCircle, ticket: IconTicket } as const;

function Profile({ customerId, onOpenTicket }: { customerId: string; onOpenTicket(id: string): void }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const { store } = useCenter();
  const errorMessage = useErrorMessage();
  const live = useCenterValue((s) => s.customer(customerId));
  const [history, setHistory] = useState<CustomerHistory | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notes, setNotes] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (): void =>
      void api.call('customers.get', { customerId }).then(
        (result) => {
          if (cancelled) return;
          setHistory(result);
          setError(null);
          store.apply({ type: 'customer', customer: result.customer });
        },
        (e: unknown) => !cancelled && setError(e),
      );
    // The history moves while the agent works (a ticket solved, a chat ended): reload, at most once a second.
    const soon = (): void => {
      clearTimeout(timer);
      timer = setTimeout(load, 1000);
    };
    const offs = [
      api.on('center.ticketChanged', (ticket) => ticket.requesterId === customerId && soon()),
      api.on('center.interactionChanged', (i) => i.customerId === customerId && i.state !== 'active' && soon()),
      api.onResync(load),
    ];
    load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [api, store, customerId]);

  const customer: Customer | undefined = live ?? history?.customer;
  if (!customer)
    return (
      <Text size="xs" c={error ? 'red' : 'dimmed'} p="sm">
        {error ? errorMessage(error) : t('common.loading')}
      </Text>
    );

  const save = async (patch: { notes?: string; tags?: string[] }): Promise<void> => {
    setSaving(true);
    setProblem(null);
    try {
      const next = await api.call('customers.update', { customerId, ...patch });
      store.apply({ type: 'customer', customer: next });
      if (patch.notes !== undefined) setNotes(null);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const rows = history ? historyRows(history, t) : [];
  return (
    <Stack gap={8} p="sm" data-testid="customer-profile" data-customer={customer.id}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={700} size="md" truncate>
          {customer.name}
        </Text>
        {customer.vip !== 'none' && (
          <Badge
            color={vipColor[customer.vip]}
            variant="light"
            leftSection={<IconCrown size={12} aria-hidden />}
            data-testid="vip"
          >
            {t(`workspace.customer.vip.${customer.vip}`)}
          </Badge>
        )}
      </Group>
      {customer.phones.length > 0 && <Field label={t('workspace.customer.phones')}>{customer.phones.join(', ')}</Field>}
      {customer.email && <Field label={t('workspace.customer.email')}>{customer.email}</Field>}
      {customer.chatIdentity && <Field label={t('workspace.customer.identity')}>{customer.chatIdentity}</Field>}
      <Field label={t('workspace.customer.since')}>{formatDateTime(i18n.language, customer.createdAt)}</Field>
      <TagsInput
        label={t('workspace.customer.tags')}
        value={customer.tags}
        onChange={(tags) => void save({ tags })}
        size="xs"
        maxTags={30}
        data-testid="customer-tags"
      />
      <Textarea
        label={t('workspace.customer.notes')}
        value={notes ?? customer.notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={4000}
        size="xs"
        data-testid="customer-notes"
      />
      {notes !== null && notes !== customer.notes && (
        <Group justify="flex-end" gap={6}>
          <Button size="compact-xs" variant="default" onClick={() => setNotes(null)}>
            {t('workspace.cancel')}
          </Button>
          <Button
            size="compact-xs"
            loading={saving}
            onClick={() => void save({ notes })}
            data-testid="customer-notes-save"
          >
            {t('workspace.customer.saveNotes')}
          </Button>
        </Group>
      )}
      {problem && (
        <Text size="xs" c="red">
          {problem}
        </Text>
      )}
      <Text size="xs" fw={600} tt="uppercase" c="dimmed" mt={4}>
        {t('workspace.customer.history', { count: rows.length })}
      </Text>
      <Stack gap={0} data-testid="customer-history">
        {rows.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('workspace.customer.noHistory')}
          </Text>
        )}
        {rows.map((row) => {
          const IconComponent = kindIcon[row.kind];
          const content = (
            <Group gap={6} wrap="nowrap" py={4} style={{ borderBottom: border }}>
              <IconComponent size={14} aria-label={t(`workspace.customer.kind.${row.kind}`)} role="img" />
              <Box style={{ flex: 1, minWidth: 0 }}>
                <Text size="xs" fw={500} truncate>
                  {row.title}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {[formatDateTime(i18n.language, row.at), row.detail].filter(Boolean).join(' · ')}
                </Text>
              </Box>
            </Group>
          );
          return row.ticketId ? (
            <UnstyledButton key={row.key} onClick={() => onOpenTicket(row.ticketId ?? '')}>
              {content}
            </UnstyledButton>
          ) : (
            <Box key={row.key}>{content}</Box>
          );
        })}
      </Stack>
    </Stack>
  );
}

/** An unknown caller or chatter: create the customer in one click, or find and link in two. */
function Unknown({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const { store } = useCenter();
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState(interaction.contact);
  const [results, setResults] = useState<readonly Customer[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const create = async (): Promise<void> => {
    setBusy('create');
    setProblem(null);
    const voice = interaction.channel === 'voice';
    try {
      const customer = await api.call('customers.create', {
        name: interaction.customerName || interaction.contact || t('workspace.queue.unknownCustomer'),
        phones: voice && interaction.contact.length >= 3 ? [interaction.contact] : [],
        email: !voice && interaction.contact.includes('@') ? interaction.contact : '',
        chatIdentity: voice ? null : interaction.contact || null,
        vip: 'none',
        tags: [],
        notes: '',
        linkInteractionId: interaction.id,
      });
      store.apply({ type: 'customer', customer });
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const find = async (): Promise<void> => {
    if (query.trim() === '') return;
    setBusy('find');
    setProblem(null);
    try {
      setResults(await api.call('customers.find', { query: query.trim() }));
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const link = async (customer: Customer): Promise<void> => {
    setBusy(customer.id);
    setProblem(null);
    try {
      const next = await api.call('customers.link', { interactionId: interaction.id, customerId: customer.id });
      store.apply({ type: 'customer', customer });
      store.apply({ type: 'interaction', interaction: next });
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="xs" p="sm" data-testid="customer-unknown">
      <Alert variant="light" color="gray" p="xs">
        <Text size="xs">
          {t('workspace.customer.unknown', { contact: interaction.contact || interaction.customerName })}
        </Text>
      </Alert>
      <Button
        leftSection={<IconUserPlus size={14} />}
        loading={busy === 'create'}
        onClick={() => void create()}
        data-testid="customer-create"
      >
        {t('workspace.customer.create', { name: interaction.customerName || interaction.contact })}
      </Button>
      <Text size="xs" c="dimmed">
        {t('workspace.customer.orLink')}
      </Text>
      <Group gap={4} wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          leftSection={<IconSearch size={12} />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && void find()}
          aria-label={t('workspace.customer.search')}
          placeholder={t('workspace.customer.search')}
          data-testid="customer-search"
        />
        <Button variant="default" loading={busy === 'find'} onClick={() => void find()} data-testid="customer-find">
          {t('workspace.customer.find')}
        </Button>
      </Group>
      {results && results.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('workspace.customer.noMatch')}
        </Text>
      )}
      {results?.map((customer) => (
        <Group key={customer.id} gap={6} wrap="nowrap" py={2} style={{ borderBottom: border }}>
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Text size="xs" fw={600} truncate>
              {customer.name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {[...customer.phones, customer.email, customer.chatIdentity].filter(Boolean).join(' · ')}
            </Text>
          </Box>
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconLink size={12} />}
            loading={busy === customer.id}
            onClick={() => void link(customer)}
            data-testid="customer-link"
          >
            {t('workspace.customer.link')}
          </Button>
        </Group>
      ))}
      {problem && (
        <Text size="xs" c="red">
          {problem}
        </Text>
      )}
    </Stack>
  );
}

/** 客户档案 beside the work: the profile and history, or create/link for an unknown contact. */
export function CustomerPanel({
  interactionId,
  customerId,
  onOpenTicket,
}: {
  interactionId: string | null;
  customerId: string | null;
  onOpenTicket(id: string): void;
}) {
  const { t } = useTranslation();
  const interaction = useCenterValue((s) => (interactionId ? s.interaction(interactionId) : undefined));
  const id = interaction?.customerId ?? customerId;
  if (id) return <Profile key={id} customerId={id} onOpenTicket={onOpenTicket} />;
  if (interaction) return <Unknown key={interaction.id} interaction={interaction} />;
  return (
    <EmptyState icon={IconUserCircle} title={t('workspace.customer.empty')} hint={t('workspace.customer.emptyHint')} />
  );
}
