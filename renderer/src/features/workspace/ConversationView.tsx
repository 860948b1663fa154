import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconArrowsExchange, IconCheck, IconMessageOff, IconPhoneOff, IconTicket, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useDemoCallAudio } from '../../media/demo-call';
import { formatTimer } from '../../../../shared/format';
import type { Interaction } from '../../../../shared/center/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { useNow } from '../../hooks/useNow';
import { agentStateColor } from '../../shell/StatusBar';
import { usePhone } from '../softphone/PhoneProvider';
import { ChatTranscript } from './ChatTranscript';
import { useCenter, useCenterValue } from './CenterProvider';
import { ChannelIcon, border, noteBackground } from './parts';
import { ReplyBox, type ReplyBoxHandle } from './ReplyBox';
import { WrapUpForm } from './WrapUpForm';

function TransferDialog({
  interaction,
  opened,
  onClose,
}: {
  interaction: Interaction;
  opened: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const queues = useCenterValue((s) => s.queues);
  const colleagues = useCenterValue((s) => s.colleagues);
  const [kind, setKind] = useState<'queue' | 'agent'>('queue');
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queueOptions = [...queues.values()]
    .filter((q) => q.channel === interaction.channel && q.id !== interaction.queueId)
    .map((q) => ({ value: q.id, label: q.name }));
  const agentOptions = colleagues.map((c) => ({
    value: c.id,
    label: `${c.name} · ${t(`status.agent.${c.state}`)}`,
  }));

  const submit = async (): Promise<void> => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await api.call(
        'center.transfer',
        kind === 'queue'
          ? { interactionId: interaction.id, queueId: target, note }
          : { interactionId: interaction.id, agentId: target, note },
      );
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
      title={t('workspace.transfer.title')}
      size="sm"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="xs">
        <SegmentedControl
          value={kind}
          onChange={(value) => {
            setKind(value as 'queue' | 'agent');
            setTarget(null);
          }}
          data={[
            { value: 'queue', label: t('workspace.transfer.toQueue') },
            { value: 'agent', label: t('workspace.transfer.toAgent') },
          ]}
        />
        <Select
          label={kind === 'queue' ? t('workspace.transfer.queue') : t('workspace.transfer.agent')}
          data={kind === 'queue' ? queueOptions : agentOptions}
          value={target}
          onChange={setTarget}
          searchable
          nothingFoundMessage={t('workspace.transfer.nobody')}
          renderOption={
            kind === 'agent'
              ? ({ option }) => {
                  const c = colleagues.find((x) => x.id === option.value);
                  return (
                    <Group gap={6} wrap="nowrap">
                      <span
                        aria-hidden
                        style={{
                          width: 8,
                          height: 8,
                          borderRadius: 4,
                          background: `var(--mantine-color-${agentStateColor(c?.state ?? 'offline')}-6)`,
                        }}
                      />
                      <Text size="xs">{option.label}</Text>
                    </Group>
                  );
                }
              : undefined
          }
          data-testid="transfer-target"
        />
        <Textarea
          label={t('workspace.transfer.note')}
          placeholder={t('workspace.transfer.notePlaceholder')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          maxLength={1000}
          autosize
          minRows={2}
          size="xs"
        />
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('workspace.cancel')}
          </Button>
          <Button disabled={!target} loading={busy} onClick={() => void submit()} data-testid="transfer-submit">
            {t('workspace.transfer.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function OfferBar({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const { act } = useCenter();
  const now = useNow();
  const left = interaction.offerExpiresAt ? Math.max(0, Math.ceil((interaction.offerExpiresAt - now) / 1000)) : null;
  return (
    <Group
      px="sm"
      py={6}
      justify="space-between"
      wrap="nowrap"
      style={{ borderBottom: border, background: noteBackground }}
      data-testid="offer-bar"
    >
      <Text size="sm" fw={600}>
        {left !== null ? t('workspace.offer.expires', { seconds: left }) : t('workspace.itemState.offered')}
      </Text>
      <Group gap={6}>
        <Button
          color="green"
          leftSection={<IconCheck size={14} />}
          onClick={() =>
            void act('center.accept', { interactionId: interaction.id }, t('workspace.offer.acceptFailed'))
          }
          data-testid="accept"
        >
          {t('workspace.actions.accept')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconX size={14} />}
          onClick={() =>
            void act('center.decline', { interactionId: interaction.id }, t('workspace.offer.declineFailed'))
          }
          data-testid="decline"
        >
          {t('workspace.actions.decline')}
        </Button>
      </Group>
    </Group>
  );
}

function Header({
  interaction,
  onTransfer,
  onOpenTicket,
}: {
  interaction: Interaction;
  onTransfer(): void;
  onOpenTicket(id: string): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const { act, store } = useCenter();
  const errorMessage = useErrorMessage();
  const queue = useCenterValue((s) => s.queue(interaction.queueId));
  const now = useNow();
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const active = interaction.state === 'active';
  const since = interaction.answeredAt ?? interaction.queuedAt;
  const timer = interaction.state === 'wrap' && interaction.endedAt ? interaction.endedAt - since : now - since;

  const createTicket = async (): Promise<void> => {
    setCreating(true);
    setProblem(null);
    try {
      const ticket = await api.call('tickets.create', {
        subject:
          interaction.subject ||
          t('workspace.wrap.ticketSubject', { customer: interaction.customerName || interaction.contact }),
        description: interaction.lastCustomerText ?? '',
        requesterId: interaction.customerId,
        priority: 'normal',
        queueId: null,
        tags: [],
        fromInteractionId: interaction.id,
      });
      store.apply({ type: 'ticket', ticket });
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setCreating(false);
    }
  };

  return (
    <Box px="sm" py={6} style={{ borderBottom: border }}>
      <Group gap={8} wrap="nowrap">
        <ChannelIcon channel={interaction.channel} size={18} />
        <Text fw={600} size="sm" truncate style={{ flex: 1, minWidth: 0 }} data-testid="conversation-customer">
          {interaction.customerName || interaction.contact || t('workspace.queue.unknownCustomer')}
        </Text>
        <Badge variant="light" color="gray" style={{ textTransform: 'none', flexShrink: 0 }}>
          {t(`workspace.interactionState.${interaction.state}`)}
        </Badge>
        <Tooltip label={t('workspace.conversation.duration')}>
          <Text size="xs" className="tabular" c="dimmed" style={{ flexShrink: 0 }}>
            {formatTimer(timer / 1000)}
          </Text>
        </Tooltip>
      </Group>
      <Group justify="space-between" wrap="nowrap" gap="xs" mt={2}>
        <Text size="xs" c="dimmed" truncate style={{ flex: 1, minWidth: 0 }}>
          {[interaction.contact, queue?.name, interaction.subject].filter(Boolean).join(' · ')}
        </Text>
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          {interaction.ticketId ? (
            <Button
              size="compact-xs"
              variant="default"
              leftSection={<IconTicket size={14} />}
              onClick={() => onOpenTicket(interaction.ticketId ?? '')}
            >
              {t('workspace.conversation.ticket', { number: store.ticket(interaction.ticketId)?.number ?? '' })}
            </Button>
          ) : (
            (active || interaction.state === 'wrap') && (
              <Button
                size="compact-xs"
                variant="default"
                leftSection={<IconTicket size={14} />}
                loading={creating}
                onClick={() => void createTicket()}
                data-testid="create-ticket"
              >
                {t('workspace.wrap.createTicket')}
              </Button>
            )
          )}
          {active && (
            <Button
              size="compact-xs"
              variant="default"
              leftSection={<IconArrowsExchange size={14} />}
              onClick={onTransfer}
              data-testid="transfer"
            >
              {t('workspace.transfer.button')}
            </Button>
          )}
          {active && (
            <Button
              size="compact-xs"
              color="red"
              variant="light"
              leftSection={interaction.channel === 'chat' ? <IconMessageOff size={14} /> : <IconPhoneOff size={14} />}
              onClick={() =>
                void act('center.end', { interactionId: interaction.id }, t('workspace.conversation.endFailed'))
              }
              data-testid="end"
            >
              {interaction.channel === 'chat'
                ? t('workspace.conversation.endChat')
                : t('workspace.conversation.endCall')}
            </Button>
          )}
        </Group>
      </Group>
      {interaction.transferNote && (
        <Text size="xs" mt={4} c="dimmed" data-testid="transfer-note">
          {t('workspace.transfer.received', { note: interaction.transferNote })}
        </Text>
      )}
      {problem && (
        <Text size="xs" mt={4} c="red">
          {problem}
        </Text>
      )}
    </Box>
  );
}

function VoiceBody({ interaction }: { interaction: Interaction }) {
  const { t, i18n } = useTranslation();
  const { state } = usePhone();
  const line = state.lines.find((l) => l.id === interaction.lineId);
  const training = useCenterValue((s) => s.training);
  const { settings } = useApp();
  // The demo line's caller speaks once the call is answered (training mode only).
  useDemoCallAudio(training ? interaction : undefined, i18n.language, settings.audio.outputId);
  return (
    <Stack gap="xs" p="sm" style={{ flex: 1, minHeight: 0, overflow: 'auto' }} data-testid="voice-view">
      <Alert variant="light" color="gray" p="xs">
        <Text size="xs">
          {line
            ? t('workspace.voice.onLine', { slot: line.slot, state: t(`softphone.line.state.${line.state}`) })
            : interaction.state === 'active'
              ? training && interaction.lineId === null
                ? t('workspace.voice.simulated')
                : t('workspace.voice.noLine')
              : t('workspace.voice.ended')}
        </Text>
      </Alert>
      <Text size="xs" c="dimmed">
        {t('workspace.voice.controlsHint')}
      </Text>
    </Stack>
  );
}

/** A call or chat: its header, the offer's Accept/Decline, the transcript and reply box, and wrap-up once ended. */
export function ConversationView({
  interactionId,
  onOpenTicket,
  replyRef,
}: {
  interactionId: string;
  onOpenTicket(id: string): void;
  replyRef: RefObject<ReplyBoxHandle | null>;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const interaction = useCenterValue((s) => s.interaction(interactionId));
  const [transferring, setTransferring] = useState(false);
  const customerName = interaction?.customerName;

  // Viewing a chat reads its messages: the customer sees "read", the badge clears.
  // Only once accepted: an offer the agent lets pass must not tell the customer "read".
  const unread = interaction?.unread ?? 0;
  const mine = interaction?.state === 'active' || interaction?.state === 'wrap';
  const marking = useRef(false);
  useEffect(() => {
    if (!mine || unread === 0 || marking.current || document.visibilityState !== 'visible') return;
    marking.current = true;
    void api
      .call('chat.markRead', { interactionId })
      .catch(() => undefined)
      .finally(() => (marking.current = false));
  }, [api, interactionId, unread, mine]);

  if (!interaction)
    return (
      <Text size="sm" c="dimmed" p="md">
        {t('workspace.conversation.gone')}
      </Text>
    );
  const { state, channel } = interaction;
  const done = state === 'ended' || state === 'abandoned';
  return (
    <Box
      style={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}
      data-testid="conversation"
      data-state={state}
    >
      <Header interaction={interaction} onTransfer={() => setTransferring(true)} onOpenTicket={onOpenTicket} />
      {state === 'offered' && <OfferBar interaction={interaction} />}
      {channel === 'chat' ? (
        <ChatTranscript
          interactionId={interaction.id}
          typing={interaction.customerTyping ? customerName || t('workspace.queue.unknownCustomer') : null}
        />
      ) : (
        <VoiceBody interaction={interaction} />
      )}
      {channel === 'chat' && state === 'active' && <ReplyBox ref={replyRef} interaction={interaction} />}
      {state === 'wrap' && <WrapUpForm interaction={interaction} onOpenTicket={onOpenTicket} />}
      {done && (
        <Text size="xs" c="dimmed" p="sm" style={{ borderTop: border }}>
          {interaction.disposition
            ? t('workspace.conversation.doneWith', { disposition: interaction.disposition })
            : t('workspace.conversation.done')}
        </Text>
      )}
      <TransferDialog interaction={interaction} opened={transferring} onClose={() => setTransferring(false)} />
    </Box>
  );
}
