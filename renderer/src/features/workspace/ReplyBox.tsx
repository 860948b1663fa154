import {
  ActionIcon,
  Box,
  Button,
  CloseButton,
  FileButton,
  Group,
  Paper,
  Popover,
  SegmentedControl,
  SimpleGrid,
  Text,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLock, IconMoodSmile, IconPaperclip, IconSend } from '@tabler/icons-react';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../../shared/format';
import { fillCannedReply } from '../../../../shared/center/canned';
import { chatLimits } from '../../../../shared/center/limits';
import type { CannedReply, Interaction } from '../../../../shared/center/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { useCenter, useCenterValue } from './CenterProvider';
import { allowedTypeNames, cannedQuery, checkAttachment, emojiSet, TypingThrottle } from './chat-logic';
import { border, fileToBase64, noteBackground } from './parts';

interface Pending {
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  readonly dataBase64: string;
}

export interface ReplyBoxHandle {
  /** Puts text into the reply box at the cursor (the knowledge base's "Insert"). */
  insert(text: string): void;
}

/** Drafts stay with their chat while the agent switches between chats (the box remounts per chat). */
const drafts = new Map<string, string>();

function newClientId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Reply, internal note, emoji, attachments and "/" canned replies for one chat. */
export const ReplyBox = forwardRef<ReplyBoxHandle, { interaction: Interaction }>(function ReplyBox(
  { interaction },
  ref,
) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const { store } = useCenter();
  const errorMessage = useErrorMessage();
  const me = useCenterValue((s) => s.me);
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState(() => drafts.get(interaction.id) ?? '');
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const interactionId = interaction.id;

  const typing = useMemo(
    () =>
      new TypingThrottle(
        (value) => void api.call('chat.typing', { interactionId, typing: value }).catch(() => undefined),
      ),
    [api, interactionId],
  );
  useEffect(() => () => typing.stop(), [typing]);

  const insertAt = (value: string, replaceAll = false): void => {
    const el = input.current;
    setText((current) => {
      if (replaceAll || !el) return value;
      const startPos = el.selectionStart ?? current.length;
      const endPos = el.selectionEnd ?? current.length;
      const next = current.slice(0, startPos) + value + current.slice(endPos);
      requestAnimationFrame(() => {
        el.focus();
        el.setSelectionRange(startPos + value.length, startPos + value.length);
      });
      return next;
    });
  };

  useImperativeHandle(ref, () => ({ insert: (value) => insertAt(value) }));

  // --- canned replies: "/" then a search ---
  const query = mode === 'reply' ? cannedQuery(text) : null;
  const [debouncedQuery] = useDebouncedValue(query, 120);
  const [canned, setCanned] = useState<readonly CannedReply[]>([]);
  const [cannedIndex, setCannedIndex] = useState(0);
  useEffect(() => {
    if (debouncedQuery === null) return;
    let cancelled = false;
    api.call('chat.cannedReplies', { queueId: interaction.queueId, search: debouncedQuery || undefined }).then(
      (replies) => {
        if (cancelled) return;
        setCanned(replies);
        setCannedIndex(0);
      },
      () => !cancelled && setCanned([]),
    );
    return () => {
      cancelled = true;
    };
  }, [api, debouncedQuery, interaction.queueId]);
  const cannedOpen = query !== null && canned.length > 0;

  const applyCanned = (reply: CannedReply): void => {
    const queue = store.queue(interaction.queueId);
    const ticket = interaction.ticketId ? store.ticket(interaction.ticketId) : undefined;
    const customer = store.customer(interaction.customerId);
    insertAt(
      fillCannedReply(reply.text, {
        'customer.name': customer?.name || interaction.customerName,
        'agent.name': me?.name,
        'queue.name': queue?.name,
        'ticket.number': ticket ? String(ticket.number) : undefined,
      }),
      true,
    );
    setCanned([]);
    requestAnimationFrame(() => input.current?.focus());
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
    const dataBase64 = await fileToBase64(file);
    setPending({ name: file.name || 'pasted.png', mime: file.type, size: file.size, dataBase64 });
  };

  const tooLong = text.length > chatLimits.textChars;
  const canSend = !sending && !tooLong && (text.trim() !== '' || (mode === 'reply' && pending !== null));

  const send = async (): Promise<void> => {
    if (!canSend) return;
    setSending(true);
    typing.stop();
    try {
      if (mode === 'note') {
        await api.call('chat.note', { interactionId, text: text.trim() });
      } else {
        const message = await api.call('chat.send', {
          interactionId,
          text: text.trim(),
          clientId: newClientId(),
          ...(pending
            ? { attachment: { name: pending.name, mime: pending.mime, dataBase64: pending.dataBase64 } }
            : {}),
        });
        store.apply({ type: 'message', message });
      }
      setText('');
      drafts.delete(interactionId);
      setPending(null);
      setProblem(null);
    } catch (error) {
      // Nothing is lost: the text and the file stay in the box to send again.
      setProblem(errorMessage(error));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  const note = mode === 'note';
  return (
    <Box p="xs" style={{ borderTop: border, position: 'relative' }} data-testid="reply-box">
      {cannedOpen && (
        <Paper
          withBorder
          shadow="md"
          p={4}
          role="listbox"
          aria-label={t('workspace.chat.canned')}
          data-testid="canned-list"
          style={{ position: 'absolute', insetInline: 8, bottom: '100%', maxHeight: 240, overflow: 'auto', zIndex: 5 }}
        >
          <Text size="xs" c="dimmed" px={6} pb={2}>
            {t('workspace.chat.cannedHint')}
          </Text>
          {canned.map((reply, index) => (
            <UnstyledButton
              key={reply.id}
              role="option"
              aria-selected={index === cannedIndex}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => applyCanned(reply)}
              px={6}
              py={4}
              w="100%"
              style={{
                display: 'block',
                borderRadius: 4,
                background: index === cannedIndex ? 'var(--mantine-primary-color-light)' : undefined,
              }}
            >
              <Text size="xs" fw={600} truncate>
                {reply.title}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {reply.text}
              </Text>
            </UnstyledButton>
          ))}
        </Paper>
      )}
      <Group justify="space-between" mb={4} gap={6} wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => setMode(value as 'reply' | 'note')}
          data={[
            { value: 'reply', label: t('workspace.chat.modeReply') },
            { value: 'note', label: t('workspace.chat.modeNote') },
          ]}
          data-testid="reply-mode"
        />
        <Text size="xs" c={tooLong ? 'red' : 'dimmed'} className="tabular">
          {note ? t('workspace.chat.noteHint') : `${text.length} / ${chatLimits.textChars}`}
        </Text>
      </Group>
      {pending && (
        <Group gap={6} mb={4} wrap="nowrap" data-testid="pending-attachment">
          <IconPaperclip size={14} aria-hidden />
          <Text size="xs" truncate style={{ flex: 1 }}>
            {pending.name} · {formatBytes(i18n.language, pending.size)}
          </Text>
          <CloseButton size="sm" aria-label={t('workspace.chat.removeAttachment')} onClick={() => setPending(null)} />
        </Group>
      )}
      <Textarea
        ref={input}
        data-testid="reply-input"
        autosize
        minRows={2}
        maxRows={8}
        value={text}
        aria-label={note ? t('workspace.chat.notePlaceholder') : t('workspace.chat.placeholder')}
        placeholder={note ? t('workspace.chat.notePlaceholder') : t('workspace.chat.placeholder')}
        error={tooLong ? t('workspace.chat.tooLong', { limit: chatLimits.textChars }) : undefined}
        styles={note ? { input: { background: noteBackground, borderStyle: 'dashed' } } : undefined}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setText(value);
          drafts.set(interactionId, value);
          if (!note && value !== '') typing.input();
        }}
        onPaste={(event) => {
          const file = event.clipboardData.files[0];
          if (file && !note) {
            event.preventDefault();
            void attach(file);
          }
        }}
        onKeyDown={(event) => {
          if (cannedOpen) {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const delta = event.key === 'ArrowDown' ? 1 : -1;
              setCannedIndex((i) => (i + delta + canned.length) % canned.length);
              return;
            }
            if (event.key === 'Enter' || event.key === 'Tab') {
              event.preventDefault();
              const reply = canned[cannedIndex];
              if (reply) applyCanned(reply);
              return;
            }
            if (event.key === 'Escape') {
              event.preventDefault();
              setCanned([]);
              return;
            }
          }
          // Enter sends, Shift+Enter is a new line (what chat tools have taught agents).
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void send();
          }
        }}
      />
      {problem && (
        <Text size="xs" c="red" mt={4} data-testid="reply-problem">
          {problem}
        </Text>
      )}
      <Group justify="space-between" mt={6} gap={4}>
        <Group gap={4}>
          <Popover opened={emojiOpen} onChange={setEmojiOpen} position="top-start" withArrow shadow="md">
            <Popover.Target>
              <Tooltip label={t('workspace.chat.emoji')}>
                <ActionIcon
                  variant="default"
                  aria-label={t('workspace.chat.emoji')}
                  onClick={() => setEmojiOpen((o) => !o)}
                  data-testid="emoji-button"
                >
                  <IconMoodSmile size={16} />
                </ActionIcon>
              </Tooltip>
            </Popover.Target>
            <Popover.Dropdown p={4}>
              <SimpleGrid cols={8} spacing={2} verticalSpacing={2}>
                {emojiSet.map((emoji) => (
                  <UnstyledButton
                    key={emoji}
                    onClick={() => {
                      insertAt(emoji);
                      setEmojiOpen(false);
                    }}
                    aria-label={emoji}
                    style={{ fontSize: 18, lineHeight: '26px', width: 28, textAlign: 'center', borderRadius: 4 }}
                  >
                    {emoji}
                  </UnstyledButton>
                ))}
              </SimpleGrid>
            </Popover.Dropdown>
          </Popover>
          {!note && (
            <FileButton onChange={(file) => void attach(file)} accept={chatLimits.attachmentTypes.join(',')}>
              {(props) => (
                <Tooltip
                  label={t('workspace.chat.attach', {
                    limit: formatBytes(i18n.language, chatLimits.attachmentBytes),
                  })}
                >
                  <ActionIcon {...props} variant="default" aria-label={t('workspace.chat.attachLabel')}>
                    <IconPaperclip size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
            </FileButton>
          )}
          <Text size="xs" c="dimmed">
            {t('workspace.chat.slashHint')}
          </Text>
        </Group>
        <Button
          size="xs"
          color={note ? 'yellow' : undefined}
          leftSection={note ? <IconLock size={14} /> : <IconSend size={14} />}
          disabled={!canSend}
          loading={sending}
          onClick={() => void send()}
          data-testid="send"
        >
          {note ? t('workspace.chat.addNote') : t('workspace.chat.send')}
        </Button>
      </Group>
    </Box>
  );
});
