import { ActionIcon, Group, ScrollArea, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPhoneCall, IconPhoneIncoming, IconPhoneOutgoing, IconPhoneX, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime, formatTimer } from '../../../../shared/format';
import type { CallHistoryItem } from '../../../../shared/softphone/types';
import { useApp } from '../../app/AppContext';
import { usePhone } from './PhoneProvider';

/** Recent calls: searchable by name or the last digits, one click to call back. */
export function CallHistory() {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const { act } = usePhone();
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text, 150);
  const [items, setItems] = useState<CallHistoryItem[]>([]);

  useEffect(() => {
    let cancelled = false;
    const load = (): void =>
      void api.call('softphone.history', { text: query || undefined, limit: 30 }).then(
        (page) => !cancelled && setItems(page.items),
        () => undefined,
      );
    load();
    const off = api.on('softphone.callLogged', load);
    return () => {
      cancelled = true;
      off();
    };
  }, [api, query]);

  return (
    <Stack gap={4} style={{ minHeight: 0, flex: 1 }}>
      <TextInput
        size="xs"
        leftSection={<IconSearch size={12} />}
        placeholder={t('softphone.history.search')}
        aria-label={t('softphone.history.search')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <ScrollArea style={{ flex: 1 }} data-testid="call-history">
        {items.length === 0 && (
          <Text size="xs" c="dimmed" ta="center" py="sm">
            {t('softphone.history.empty')}
          </Text>
        )}
        {items.map((item) => {
          const missed = item.direction === 'inbound' && item.answeredAt === null;
          const Icon = missed ? IconPhoneX : item.direction === 'inbound' ? IconPhoneIncoming : IconPhoneOutgoing;
          const label = missed ? t('softphone.history.missed') : t(`softphone.history.${item.direction}`);
          return (
            <Group
              key={item.id}
              gap={6}
              py={3}
              wrap="nowrap"
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            >
              <Tooltip label={label}>
                <Icon size={14} color={missed ? 'var(--mantine-color-red-6)' : undefined} aria-label={label} />
              </Tooltip>
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Text size="xs" fw={500} truncate>
                  {item.remoteName ?? item.remoteNumber}
                </Text>
                <Text size="xs" c="dimmed" className="tabular" truncate>
                  {formatTime(i18n.language, item.startedAt)}
                  {item.answeredAt !== null ? ` · ${formatTimer((item.endedAt - item.answeredAt) / 1000)}` : ''}
                  {item.queue ? ` · ${item.queue}` : ''}
                </Text>
              </Stack>
              <Tooltip label={t('softphone.history.callBack')}>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  aria-label={t('softphone.history.callBack')}
                  onClick={() => void act('softphone.dial', { target: item.remoteNumber })}
                >
                  <IconPhoneCall size={14} />
                </ActionIcon>
              </Tooltip>
            </Group>
          );
        })}
      </ScrollArea>
    </Stack>
  );
}
