import { useHotkeys } from '@mantine/hooks';
import { Alert, Anchor, Box, Button, Group, SegmentedControl, Tabs, Text, Title } from '@mantine/core';
import { IconBook2, IconMessages, IconPlus, IconSchool, IconUserCircle } from '@tabler/icons-react';
import { useCallback, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/useErrorMessage';
import { EmptyState } from '../../shell/EmptyState';
import { hashFor } from '../../shell/sections';
import { KbPane, requestKbPaneFocus } from '../kb/KbPane';
import { CallHistory } from '../softphone/CallHistory';
import { SoftphoneDock } from '../softphone/SoftphoneDock';
import { AgentStateControl } from './AgentStateControl';
import { CenterProvider, useCenter, useCenterValue, useHasCenter } from './CenterProvider';
import { ConversationView } from './ConversationView';
import { CustomerPanel } from './CustomerPanel';
import { FollowUpForm } from './FollowUpForm';
import { border } from './parts';
import type { ReplyBoxHandle } from './ReplyBox';
import { TicketView } from './TicketView';
import { NewTicketDialog, TicketsList } from './TicketsList';
import { UnifiedQueue } from './UnifiedQueue';

type Opened = { readonly kind: 'interaction' | 'ticket' | 'followUp'; readonly id: string };

function parseKey(key: string): Opened | null {
  const id = key.slice(2);
  if (key.startsWith('i:')) return { kind: 'interaction', id };
  if (key.startsWith('t:')) return { kind: 'ticket', id };
  if (key.startsWith('f:')) return { kind: 'followUp', id };
  return null;
}

function TrainingBanner() {
  const { t } = useTranslation();
  const training = useCenterValue((s) => s.training);
  if (!training) return null;
  return (
    <Group
      gap={8}
      px="md"
      py={4}
      wrap="nowrap"
      data-testid="training-banner"
      style={{ background: 'var(--mantine-color-blue-light)', borderBottom: border, flexShrink: 0 }}
    >
      <IconSchool size={16} aria-hidden />
      <Text size="xs" fw={600}>
        {t('workspace.training.banner')}
      </Text>
      <Text size="xs" c="dimmed" style={{ flex: 1 }} truncate>
        {t('workspace.training.hint')}
      </Text>
      <Anchor size="xs" href={hashFor('settings')}>
        {t('workspace.training.settings')}
      </Anchor>
    </Group>
  );
}

function CenterProblem() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const { reload } = useCenter();
  const load = useCenterValue((s) => s.load);
  const me = useCenterValue((s) => s.me);
  if (load.status !== 'error') return null;
  return (
    <Alert
      color={me ? 'orange' : 'gray'}
      variant="light"
      radius={0}
      py={6}
      data-testid="center-problem"
      title={t('workspace.center.unavailable')}
      styles={{ title: { marginBottom: 2, fontSize: 'var(--mantine-font-size-xs)' } }}
    >
      <Group justify="space-between" wrap="nowrap">
        <Text size="xs">
          {errorMessage(load.error)} {t('workspace.center.retrying')}
        </Text>
        <Button size="compact-xs" variant="default" onClick={reload}>
          {t('workspace.center.retry')}
        </Button>
      </Group>
    </Alert>
  );
}

/**
 * The right column's knowledge base (renderer/src/features/kb/KbPane.tsx), fed with what the
 * customer last wrote or the ticket's subject; Insert puts the text into the open chat's reply box.
 * Its own component, so a new message re-renders this tab and not the whole Workspace.
 */
function KnowledgeTab({ opened, replyRef }: { opened: Opened | null; replyRef: RefObject<ReplyBoxHandle | null> }) {
  const interaction = useCenterValue((s) => (opened?.kind === 'interaction' ? s.interaction(opened.id) : undefined));
  const ticket = useCenterValue((s) => (opened?.kind === 'ticket' ? s.ticket(opened.id) : undefined));
  const queue = useCenterValue((s) => s.queue(interaction?.queueId ?? ticket?.queueId));
  const chatting = interaction?.channel === 'chat' && interaction.state === 'active';
  return (
    <KbPane
      contextText={interaction?.lastCustomerText ?? interaction?.subject ?? ticket?.subject ?? undefined}
      queue={queue?.name}
      onInsert={chatting ? (text) => replyRef.current?.insert(text) : undefined}
    />
  );
}

function Workspace() {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [middle, setMiddle] = useState<'work' | 'tickets'>('work');
  const [right, setRight] = useState<string | null>('customer');
  const [creating, setCreating] = useState(false);
  const replyRef = useRef<ReplyBoxHandle | null>(null);
  // Ctrl/⌘+Shift+K from anywhere in the Workspace: show the knowledge-base tab, then focus its search.
  useHotkeys(
    [
      [
        'mod+shift+K',
        () => {
          setRight('kb');
          requestKbPaneFocus();
        },
      ],
    ],
    [],
  );

  const openKey = useCallback((key: string) => {
    const next = parseKey(key);
    if (!next) return;
    setOpened(next);
    setMiddle('work');
  }, []);
  const openTicket = useCallback((id: string) => {
    setOpened({ kind: 'ticket', id });
    setSelected(`t:${id}`);
    setMiddle('work');
  }, []);

  // Screen pop: with nothing open, the customer of the first offer shows as it rings.
  // Offers sort first, so this looks at one row; a string, so the view renders only when it changes.
  const firstOffer = useCenterValue((s) => {
    const first = s.items[0];
    return first?.state === 'offered' ? first.refId : null;
  });
  const openedInteraction = opened?.kind === 'interaction' ? opened.id : null;
  const popInteraction = openedInteraction ?? (opened === null ? firstOffer : null);
  const openedTicket = useCenterValue((s) => (opened?.kind === 'ticket' ? s.ticket(opened.id) : undefined));
  const openedFollowUp = useCenterValue((s) => (opened?.kind === 'followUp' ? s.followUp(opened.id) : undefined));
  const customerId = openedTicket?.requesterId ?? openedFollowUp?.customerId ?? null;

  return (
    <>
      {/* The state control sits beside the title: toasts stack in the top-right corner and would cover it. */}
      <Group
        h={40}
        px="md"
        gap="md"
        wrap="nowrap"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flexShrink: 0 }}
      >
        <Title order={1} fz="md">
          {t('workspace.title')}
        </Title>
        <AgentStateControl />
      </Group>
      <TrainingBanner />
      <CenterProblem />
      <Box
        style={{
          flex: 1,
          minHeight: 0,
          display: 'grid',
          gridTemplateColumns: 'minmax(300px, 360px) minmax(0, 1fr) minmax(280px, 340px)',
        }}
      >
        <Box
          style={{
            display: 'grid',
            gridTemplateRows: 'auto minmax(180px, 1fr) minmax(120px, 0.55fr)',
            minHeight: 0,
            borderInlineEnd: border,
          }}
        >
          <Box p="xs" style={{ borderBottom: border }}>
            <SoftphoneDock />
          </Box>
          <UnifiedQueue selected={selected} onSelect={setSelected} onOpen={openKey} />
          <Box p="xs" style={{ borderTop: border, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
            <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={4}>
              {t('softphone.history.title')}
            </Text>
            <CallHistory />
          </Box>
        </Box>
        <Box style={{ display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, borderInlineEnd: border }}>
          <Group h={32} px="xs" justify="space-between" wrap="nowrap" style={{ borderBottom: border, flexShrink: 0 }}>
            <SegmentedControl
              size="xs"
              value={middle}
              onChange={(value) => setMiddle(value as 'work' | 'tickets')}
              data={[
                { value: 'work', label: t('workspace.conversation.title') },
                { value: 'tickets', label: t('workspace.tickets.title') },
              ]}
              data-testid="middle-mode"
            />
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => setCreating(true)}
              data-testid="new-ticket"
            >
              {t('workspace.tickets.new')}
            </Button>
          </Group>
          <Box style={{ flex: 1, minHeight: 0 }}>
            {middle === 'tickets' ? (
              <TicketsList onOpen={openTicket} />
            ) : opened === null ? (
              <EmptyState
                icon={IconMessages}
                title={t('workspace.conversation.empty')}
                hint={t('workspace.conversation.emptyHint')}
              />
            ) : opened.kind === 'interaction' ? (
              <ConversationView
                key={opened.id}
                interactionId={opened.id}
                onOpenTicket={openTicket}
                replyRef={replyRef}
              />
            ) : opened.kind === 'ticket' ? (
              <TicketView key={opened.id} ticketId={opened.id} />
            ) : (
              <FollowUpForm key={opened.id} followUpId={opened.id} onOpenTicket={openTicket} />
            )}
          </Box>
        </Box>
        <Tabs
          value={right}
          onChange={setRight}
          keepMounted={false}
          style={{ display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0 }}
        >
          <Tabs.List style={{ flexShrink: 0 }}>
            <Tabs.Tab value="customer" leftSection={<IconUserCircle size={14} />} fz="xs">
              {t('workspace.customer.title')}
            </Tabs.Tab>
            <Tabs.Tab value="kb" leftSection={<IconBook2 size={14} />} fz="xs">
              {t('workspace.kb.tab')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="customer" style={{ flex: 1, minHeight: 0, overflow: 'auto' }} data-testid="customer-panel">
            <CustomerPanel interactionId={popInteraction} customerId={customerId} onOpenTicket={openTicket} />
          </Tabs.Panel>
          <Tabs.Panel value="kb" style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
            <KnowledgeTab opened={opened} replyRef={replyRef} />
          </Tabs.Panel>
        </Tabs>
      </Box>
      <NewTicketDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(ticket) => openTicket(ticket.id)}
      />
    </>
  );
}

/** The agent's one window: phone and queue, the conversation or ticket, and the customer beside it. */
export function WorkspaceView() {
  // Mounted at the app's root (beside PhoneProvider), the center keeps notifying offers in every
  // section; until then the Workspace brings its own.
  const hasCenter = useHasCenter();
  return hasCenter ? (
    <Workspace />
  ) : (
    <CenterProvider>
      <Workspace />
    </CenterProvider>
  );
}
