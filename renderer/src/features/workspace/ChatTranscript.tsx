import { ActionIcon, Anchor, Box, Button, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconChecks, IconDownload, IconLock, IconPaperclip } from '@tabler/icons-react';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatTime } from '../../../../shared/format';
import type { Attachment, Message } from '../../../../shared/center/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { noteBackground } from './parts';
import { useCenter, useCenterValue } from './CenterProvider';
import { parseSystemLine } from './chat-logic';

/** Only this many messages are in the DOM at once; "Show older" widens the window, then pages from the service. */
const windowSize = 150;
const pageSize = 100;

const attachmentUrls = new Map<string, Promise<string>>();

/** CSP allows blob: images; connect-src would refuse fetch(data:…), so decode by hand. */
function base64ToBlob(data: string, mime: string): Blob {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

function useAttachmentUrl(attachmentId: string, enabled: boolean): { url: string | null; error: unknown } {
  const { api } = useApp();
  const [state, setState] = useState<{ url: string | null; error: unknown }>({ url: null, error: null });
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let promise = attachmentUrls.get(attachmentId);
    if (!promise) {
      promise = api
        .call('chat.attachment', { attachmentId })
        .then((file) => URL.createObjectURL(base64ToBlob(file.dataBase64, file.mime)));
      attachmentUrls.set(attachmentId, promise);
      promise.catch(() => attachmentUrls.delete(attachmentId));
    }
    promise.then(
      (url) => !cancelled && setState({ url, error: null }),
      (error: unknown) => !cancelled && setState({ url: null, error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, attachmentId, enabled]);
  return state;
}

export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const image = attachment.mime.startsWith('image/');
  const [wanted, setWanted] = useState(image);
  const { url, error } = useAttachmentUrl(attachment.id, wanted);
  const size = formatBytes(i18n.language, attachment.size);
  if (image && url)
    return (
      <Anchor href={url} download={attachment.name} target="_blank" rel="noreferrer">
        <img
          src={url}
          alt={attachment.name}
          style={{ maxWidth: 240, maxHeight: 180, borderRadius: 4, display: 'block', marginTop: 4 }}
        />
      </Anchor>
    );
  return (
    <Group gap={6} mt={4} wrap="nowrap">
      <IconPaperclip size={14} aria-hidden />
      {url ? (
        <Anchor size="xs" href={url} download={attachment.name}>
          {attachment.name}
        </Anchor>
      ) : (
        <Text size="xs" truncate>
          {attachment.name}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {size}
      </Text>
      {!url && !wanted && (
        <Tooltip label={t('workspace.chat.download')}>
          <ActionIcon
            size="sm"
            variant="subtle"
            onClick={() => setWanted(true)}
            aria-label={t('workspace.chat.download')}
          >
            <IconDownload size={14} />
          </ActionIcon>
        </Tooltip>
      )}
      {wanted && !url && !error && <Loader size={12} />}
      {error !== null && (
        <Text size="xs" c="red">
          {errorMessage(error)}
        </Text>
      )}
    </Group>
  );
}

function DeliveryMark({ delivery }: { delivery: Message['delivery'] }) {
  const { t } = useTranslation();
  const label = t(`workspace.chat.delivery.${delivery}`);
  const color = delivery === 'read' ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-dimmed)';
  return (
    <Group gap={2} wrap="nowrap" data-testid="delivery" data-delivery={delivery}>
      {delivery === 'sent' ? (
        <IconCheck size={12} color={color} aria-hidden />
      ) : (
        <IconChecks size={12} color={color} aria-hidden />
      )}
      <Text size="xs" c="dimmed" style={{ fontSize: 10 }}>
        {label}
      </Text>
    </Group>
  );
}

const MessageBubble = memo(function MessageBubble({ message, locale }: { message: Message; locale: string }) {
  const { t } = useTranslation();
  const time = formatTime(locale, message.at);
  if (message.author === 'system') {
    const line = parseSystemLine(message.text);
    const text =
      line.key === 'raw'
        ? line.text
        : line.key === 'joined'
          ? t('workspace.chat.system.joined', { agent: line.agent })
          : t(`workspace.chat.system.${line.key}`);
    return (
      <Text size="xs" c="dimmed" ta="center" py={2} data-testid="message" data-author="system">
        {text} · {time}
      </Text>
    );
  }
  const mine = message.author === 'agent' || message.author === 'note';
  const note = message.author === 'note';
  return (
    <Box
      data-testid="message"
      data-author={message.author}
      style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start' }}
    >
      <Paper
        px="sm"
        py={6}
        maw="78%"
        radius="md"
        withBorder={note || !mine}
        style={{
          background: note ? noteBackground : mine ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-body)',
          borderStyle: note ? 'dashed' : undefined,
          borderColor: note ? 'var(--mantine-color-yellow-outline)' : undefined,
        }}
      >
        <Group gap={6} justify="space-between" wrap="nowrap" mb={2}>
          <Group gap={4} wrap="nowrap">
            {note && <IconLock size={12} aria-hidden />}
            <Text size="xs" fw={600} c={note ? 'yellow.9' : 'dimmed'}>
              {note ? t('workspace.chat.noteBy', { name: message.authorName }) : message.authorName}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" className="tabular" style={{ fontSize: 10 }}>
            {time}
          </Text>
        </Group>
        {/* Text only: a customer's "<script>" shows as those characters, never as markup. */}
        {message.text && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {message.text}
          </Text>
        )}
        {message.attachment && <AttachmentView attachment={message.attachment} />}
        {message.author === 'agent' && (
          <Group justify="flex-end" mt={2}>
            <DeliveryMark delivery={message.delivery} />
          </Group>
        )}
      </Paper>
    </Box>
  );
});

/** The conversation, newest at the bottom; keeps to the bottom while the agent is there. */
export function ChatTranscript({ interactionId, typing }: { interactionId: string; typing: string | null }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const { store } = useCenter();
  const errorMessage = useErrorMessage();
  const transcript = useCenterValue((s) => s.transcript(interactionId));
  const [shown, setShown] = useState(windowSize);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = (): void =>
      void api.call('chat.messages', { interactionId, limit: pageSize }).then(
        (page) => !cancelled && store.setTranscript(interactionId, page, false),
        (e: unknown) => !cancelled && setError(e),
      );
    load();
    const off = api.onResync(load);
    return () => {
      cancelled = true;
      off();
    };
  }, [api, store, interactionId]);

  const messages = transcript.messages;
  const start = Math.max(0, messages.length - shown);
  const visible = messages.slice(start);
  const hiddenOlder = start > 0 || transcript.more;

  const showOlder = async (): Promise<void> => {
    const el = scroller.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    if (start > 0) {
      setShown((n) => n + windowSize);
      return;
    }
    const first = messages[0];
    if (!first) return;
    setLoadingOlder(true);
    try {
      const page = await api.call('chat.messages', { interactionId, before: { seq: first.seq }, limit: pageSize });
      store.setTranscript(interactionId, page, true);
      setShown((n) => n + page.messages.length);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingOlder(false);
    }
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (anchor.current) {
      // Older messages went in above: keep what the agent was reading where it was.
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height);
      anchor.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [visible.length, messages, typing]);

  return (
    <Box
      ref={scroller}
      data-testid="transcript"
      role="log"
      aria-live="polite"
      aria-label={t('workspace.chat.transcript')}
      onScroll={(event) => {
        const el = event.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
      style={{ flex: 1, minHeight: 0, overflow: 'auto' }}
      p="sm"
    >
      <Stack gap={6}>
        {hiddenOlder && (
          <Group justify="center">
            <Button size="compact-xs" variant="subtle" loading={loadingOlder} onClick={() => void showOlder()}>
              {t('workspace.chat.older')}
            </Button>
          </Group>
        )}
        {!transcript.loaded && error === null && (
          <Text size="xs" c="dimmed" ta="center">
            {t('common.loading')}
          </Text>
        )}
        {error !== null && (
          <Text size="xs" c="red" ta="center">
            {errorMessage(error)}
          </Text>
        )}
        {visible.map((message) => (
          <MessageBubble key={message.id} message={message} locale={i18n.language} />
        ))}
        {typing && (
          <Text size="xs" c="dimmed" fs="italic" data-testid="customer-typing">
            {t('workspace.chat.typing', { name: typing })}
          </Text>
        )}
      </Stack>
    </Box>
  );
}
