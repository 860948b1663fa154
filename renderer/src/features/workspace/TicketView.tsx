import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  CloseButton,
  FileButton,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
  ActionIcon,
  Tooltip,
} from '@mantine/core';
import { IconArrowUpRight, IconCircleCheck, IconLock, IconPaperclip, IconWorld } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatDateTime } from '../../../../shared/format';
import { chatLimits } from '../../../../shared/center/limits';
import {
  ticketPriorities,
  ticketStatuses,
  type Ticket,
  type TicketComment,
  type TicketPriority,
  type TicketStatus,
} from '../../../../shared/center/types';
import type { MethodRequest } from '../../../../shared/api/contract';
import { slaLevel } from '../../../../shared/center/work-items';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { useNow } from '../../hooks/useNow';
import { AttachmentView } from './ChatTranscript';
import { allowedTypeNames, checkAttachment } from './chat-logic';
import { useCenter, useCenterValue } from './CenterProvider';
import { border, Field, fileToBase64, SlaBadge, noteBackground } from './parts';

type Upload = NonNullable<MethodRequest<'tickets.comment'>['attachment']> & { size: number };

/** "2026-12-02T14:30" in local time, for <input type="datetime-local">. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function SolveDialog({
  ticket,
  opened,
  onClose,
  onSolved,
}: {
  ticket: Ticket;
  opened: boolean;
  onClose(): void;
  onSolved(ticket: Ticket): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const [comment, setComment] = useState('');
  const [followUp, setFollowUp] = useState(true);
  const [when, setWhen] = useState(() => toLocalInput(Date.now() + 24 * 3_600_000));
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    const dueAt = new Date(when).getTime();
    if (followUp && !Number.isFinite(dueAt)) {
      setError(t('workspace.ticket.followUpWhenInvalid'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('tickets.solve', {
        ticketId: ticket.id,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(followUp ? { followUp: { dueAt, ...(phone.trim() ? { phone: phone.trim() } : {}) } } : {}),
      });
      onSolved(result.ticket);
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
      title={t('workspace.ticket.solveTitle', { number: ticket.number })}
      size="sm"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('workspace.ticket.solveComment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
          size="xs"
        />
        <Checkbox
          label={t('workspace.ticket.scheduleFollowUp')}
          checked={followUp}
          onChange={(e) => setFollowUp(e.currentTarget.checked)}
          size="xs"
          data-testid="solve-follow-up"
        />
        {followUp && (
          <Stack gap="xs">
            <TextInput
              type="datetime-local"
              label={t('workspace.ticket.followUpWhen')}
              value={when}
              onChange={(e) => setWhen(e.currentTarget.value)}
              data-testid="follow-up-when"
            />
            <TextInput
              label={t('workspace.ticket.followUpPhone')}
              placeholder={t('workspace.ticket.followUpPhoneHint')}
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              data-testid="follow-up-phone"
            />
          </Stack>
        )}
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('workspace.cancel')}
          </Button>
          <Button color="teal" loading={busy} onClick={() => void submit()} data-testid="solve-submit">
            {t('workspace.ticket.solve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EscalateDialog({ ticket, opened, onClose }: { ticket: Ticket; opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api.call('tickets.escalate', { ticketId: ticket.id, note: note.trim() });
      setNote('');
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
      title={t('workspace.ticket.escalateTitle')}
      size="sm"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="xs">
        <Textarea
          data-autofocus
          label={t('workspace.ticket.escalateNote')}
          placeholder={t('workspace.ticket.escalateNoteHint')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={2000}
          size="xs"
          data-testid="escalate-note"
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
          <Button
            color="orange"
            disabled={note.trim() === ''}
            loading={busy}
            onClick={() => void submit()}
            data-testid="escalate-submit"
          >
            {t('workspace.ticket.escalate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CommentItem({ comment, locale }: { comment: TicketComment; locale: string }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="xs"
      data-testid="ticket-comment"
      data-public={comment.public}
      style={
        comment.public
          ? undefined
          : {
              background: noteBackground,
              borderStyle: 'dashed',
              borderColor: 'var(--mantine-color-yellow-outline)',
            }
      }
    >
      <Group justify="space-between" gap={6} wrap="nowrap" mb={2}>
        <Group gap={4} wrap="nowrap">
          {comment.public ? <IconWorld size={12} aria-hidden /> : <IconLock size={12} aria-hidden />}
          <Text size="xs" fw={600}>
            {comment.authorName}
          </Text>
          <Text size="xs" c="dimmed">
            {comment.public ? t('workspace.ticket.public') : t('workspace.ticket.internal')}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {formatDateTime(locale, comment.at)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {comment.text}
      </Text>
      {comment.attachment && <AttachmentView attachment={comment.attachment} />}
    </Paper>
  );
}

/** 工单: fields editable in place, comments public or internal, escalate, solve with a follow-up. */
export function TicketView({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const { store } = useCenter();
  const errorMessage = useErrorMessage();
  const live = useCenterValue((s) => s.ticket(ticketId));
  const queues = useCenterValue((s) => s.queues);
  const me = useCenterValue((s) => s.me);
  const colleagues = useCenterValue((s) => s.colleagues);
  const now = useNow();
  const [loaded, setLoaded] = useState<{ ticket: Ticket; comments: readonly TicketComment[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [isPublic, setPublic] = useState(false);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [sending, setSending] = useState(false);
  const [solving, setSolving] = useState(false);
  const [escalating, setEscalating] = useState(false);

  // Comments come with the ticket; refetch when the ticket changes (a comment bumps updatedAt).
  const updatedAt = live?.updatedAt;
  useEffect(() => {
    let cancelled = false;
    api.call('tickets.get', { ticketId }).then(
      (result) => {
        if (cancelled) return;
        setLoaded(result);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [api, ticketId, updatedAt]);

  const ticket = live && loaded && live.updatedAt >= loaded.ticket.updatedAt ? live : (loaded?.ticket ?? live);
  if (!ticket)
    return (
      <Text size="sm" c={error ? 'red' : 'dimmed'} p="md">
        {error ? errorMessage(error) : t('common.loading')}
      </Text>
    );

  const update = async (patch: Omit<MethodRequest<'tickets.update'>, 'ticketId'>): Promise<void> => {
    setProblem(null);
    try {
      const next = await api.call('tickets.update', { ticketId: ticket.id, ...patch });
      store.apply({ type: 'ticket', ticket: next });
      setLoaded((l) => (l ? { ...l, ticket: next } : l));
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  const attach = async (file: File | null): Promise<void> => {
    if (!file) return;
    const check = checkAttachment(file);
    if (!check.ok) {
      setProblem(
        check.reason === 'type'
          ? t('workspace.chat.attachType', { name: file.name, types: allowedTypeNames() })
          : check.reason === 'size'
            ? t('workspace.chat.attachSize', {
                name: file.name,
                size: formatBytes(i18n.language, file.size),
                limit: formatBytes(i18n.language, chatLimits.attachmentBytes),
              })
            : t('workspace.chat.attachEmpty', { name: file.name }),
      );
      return;
    }
    setProblem(null);
    setUpload({ name: file.name, mime: file.type, dataBase64: await fileToBase64(file), size: file.size });
  };

  const sendComment = async (): Promise<void> => {
    setSending(true);
    setProblem(null);
    try {
      const added = await api.call('tickets.comment', {
        ticketId: ticket.id,
        text: comment.trim(),
        public: isPublic,
        ...(upload ? { attachment: { name: upload.name, mime: upload.mime, dataBase64: upload.dataBase64 } } : {}),
      });
      setLoaded((l) => (l ? { ...l, comments: [...l.comments.filter((c) => c.id !== added.id), added] } : l));
      setComment('');
      setUpload(null);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const closed = ticket.status === 'solved' || ticket.status === 'closed';
  const level = closed
    ? 'ok'
    : slaLevel({ dueAt: ticket.dueAt, windowMs: Math.max(60_000, ticket.dueAt - ticket.createdAt), timed: true }, now);
  const people = [
    ...(me ? [{ value: me.id, label: me.name }] : []),
    ...colleagues.map((c) => ({ value: c.id, label: c.name })),
  ];
  if (ticket.assigneeId && !people.some((p) => p.value === ticket.assigneeId))
    people.push({ value: ticket.assigneeId, label: ticket.assigneeId });
  const locale = i18n.language;

  return (
    <Box style={{ height: '100%', overflow: 'auto' }} data-testid="ticket-view" data-status={ticket.status}>
      <Stack gap="xs" p="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Box style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed">
              {t('workspace.ticket.number', { number: ticket.number })}
            </Text>
            <Title order={2} fz="md" style={{ overflowWrap: 'anywhere' }} data-testid="ticket-subject">
              {ticket.subject}
            </Title>
          </Box>
          <Group gap={6} wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              color="orange"
              leftSection={<IconArrowUpRight size={14} />}
              onClick={() => setEscalating(true)}
              disabled={closed}
              data-testid="escalate"
            >
              {t('workspace.ticket.escalate')}
            </Button>
            <Button
              size="xs"
              color="teal"
              leftSection={<IconCircleCheck size={14} />}
              onClick={() => setSolving(true)}
              disabled={closed}
              data-testid="solve"
            >
              {t('workspace.ticket.solve')}
            </Button>
          </Group>
        </Group>
        {ticket.escalation && (
          <Alert color="orange" variant="light" p="xs" data-testid="escalation">
            <Text size="xs">
              {t('workspace.ticket.escalated', {
                by: ticket.escalation.by,
                time: formatDateTime(locale, ticket.escalation.at),
              })}
            </Text>
            <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {ticket.escalation.note}
            </Text>
          </Alert>
        )}
        <Group grow gap="xs">
          <Select
            label={t('workspace.ticket.status')}
            data={ticketStatuses.map((s) => ({ value: s, label: t(`workspace.ticketStatus.${s}`) }))}
            value={ticket.status}
            onChange={(value) => value && value !== ticket.status && void update({ status: value as TicketStatus })}
            allowDeselect={false}
            data-testid="ticket-status"
          />
          <Select
            label={t('workspace.ticket.priority')}
            data={ticketPriorities.map((p) => ({ value: p, label: t(`workspace.priority.${p}`) }))}
            value={ticket.priority}
            onChange={(value) =>
              value && value !== ticket.priority && void update({ priority: value as TicketPriority })
            }
            allowDeselect={false}
          />
        </Group>
        <Group grow gap="xs">
          <Select
            label={t('workspace.ticket.queue')}
            placeholder={t('workspace.ticket.noQueue')}
            data={[...queues.values()].map((q) => ({ value: q.id, label: q.name }))}
            value={ticket.queueId}
            onChange={(value) => value !== ticket.queueId && void update({ queueId: value })}
            clearable
          />
          <Select
            label={t('workspace.ticket.assignee')}
            placeholder={t('workspace.ticket.unassigned')}
            data={people}
            value={ticket.assigneeId}
            onChange={(value) => value !== ticket.assigneeId && void update({ assigneeId: value })}
            clearable
            searchable
          />
        </Group>
        <Field label={t('workspace.ticket.requester')}>{ticket.requesterName || '—'}</Field>
        <Field label={t('workspace.ticket.due')}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{formatDateTime(locale, ticket.dueAt)}</Text>
            {!closed && <SlaBadge level={level} secondsLeft={Math.ceil((ticket.dueAt - now) / 1000)} />}
          </Group>
        </Field>
        <Field label={t('workspace.ticket.created')}>{formatDateTime(locale, ticket.createdAt)}</Field>
        <TagsInput
          label={t('workspace.ticket.tags')}
          value={ticket.tags}
          onChange={(tags) => void update({ tags })}
          maxTags={30}
          size="xs"
          clearable
        />
        {ticket.description && (
          <Paper withBorder p="xs">
            <Text size="xs" c="dimmed" mb={2}>
              {t('workspace.ticket.description')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {ticket.description}
            </Text>
          </Paper>
        )}
        {(ticket.interactionIds.length > 0 || ticket.recordingIds.length > 0) && (
          <Text size="xs" c="dimmed">
            {t('workspace.ticket.linked', {
              interactions: ticket.interactionIds.length,
              recordings: ticket.recordingIds.length,
            })}
          </Text>
        )}
        {problem && (
          <Alert color="red" variant="light" p="xs">
            <Text size="xs">{problem}</Text>
          </Alert>
        )}
        <Text size="xs" fw={600} tt="uppercase" c="dimmed" mt="xs">
          {t('workspace.ticket.comments', { count: loaded?.comments.length ?? 0 })}
        </Text>
        <Stack gap={6}>
          {(loaded?.comments ?? []).map((c) => (
            <CommentItem key={c.id} comment={c} locale={locale} />
          ))}
        </Stack>
        <Box style={{ borderTop: border }} pt="xs">
          <Textarea
            placeholder={isPublic ? t('workspace.ticket.commentPublic') : t('workspace.ticket.commentInternal')}
            aria-label={t('workspace.ticket.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            size="xs"
            styles={isPublic ? undefined : { input: { background: noteBackground, borderStyle: 'dashed' } }}
            data-testid="ticket-comment-input"
          />
          {upload && (
            <Group gap={6} mt={4} wrap="nowrap">
              <IconPaperclip size={14} aria-hidden />
              <Text size="xs" truncate style={{ flex: 1 }}>
                {upload.name} · {formatBytes(locale, upload.size)}
              </Text>
              <CloseButton
                size="sm"
                aria-label={t('workspace.chat.removeAttachment')}
                onClick={() => setUpload(null)}
              />
            </Group>
          )}
          <Group justify="space-between" mt={6}>
            <Group gap={8}>
              <Switch
                size="xs"
                checked={isPublic}
                onChange={(e) => setPublic(e.currentTarget.checked)}
                label={isPublic ? t('workspace.ticket.publicSwitch') : t('workspace.ticket.internalSwitch')}
                data-testid="ticket-comment-public"
              />
              <FileButton onChange={(file) => void attach(file)} accept={chatLimits.attachmentTypes.join(',')}>
                {(props) => (
                  <Tooltip
                    label={t('workspace.chat.attach', { limit: formatBytes(locale, chatLimits.attachmentBytes) })}
                  >
                    <ActionIcon {...props} variant="default" aria-label={t('workspace.chat.attachLabel')}>
                      <IconPaperclip size={16} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </FileButton>
            </Group>
            <Button
              size="xs"
              disabled={comment.trim() === ''}
              loading={sending}
              onClick={() => void sendComment()}
              data-testid="ticket-comment-send"
            >
              {isPublic ? t('workspace.ticket.sendPublic') : t('workspace.ticket.addInternal')}
            </Button>
          </Group>
        </Box>
        <Group gap={4}>
          <Badge variant="light" color="gray" style={{ textTransform: 'none' }}>
            {t(`workspace.ticketStatus.${ticket.status}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('workspace.ticket.updated', { time: formatDateTime(locale, ticket.updatedAt) })}
          </Text>
        </Group>
      </Stack>
      <SolveDialog
        ticket={ticket}
        opened={solving}
        onClose={() => setSolving(false)}
        onSolved={(next) => {
          store.apply({ type: 'ticket', ticket: next });
          setLoaded((l) => (l ? { ...l, ticket: next } : l));
        }}
      />
      <EscalateDialog ticket={ticket} opened={escalating} onClose={() => setEscalating(false)} />
    </Box>
  );
}
