import { ActionIcon, Badge, Button, CopyButton, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import type { TokenInfo } from '../../../../shared/wallboard/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';

/**
 * Wallboard screens (supervisors): a link per TV, carrying its own token. The link is shown
 * once, when created; the list shows names and use, never tokens.
 */
export function WallboardTokensCard() {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const [tokens, setTokens] = useState<TokenInfo[]>([]);
  const [name, setName] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const reload = (): void => void api.call('wallboard.listTokens', {}).then(setTokens, () => undefined);
  useEffect(reload, [api]);
  const fail = (error: unknown): void =>
    void notifications.show({ color: 'red', title: t('wallboard.supervisor.failed'), message: errorMessage(error) });

  return (
    <Stack gap="xs" data-testid="wallboard-tokens">
      <Group align="flex-end" gap="xs">
        <TextInput
          size="xs"
          w={240}
          label={t('wallboard.tokens.name')}
          placeholder={t('wallboard.tokens.namePlaceholder')}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Button
          size="xs"
          disabled={name.trim() === ''}
          onClick={() =>
            api.call('wallboard.createToken', { name }).then(({ token }) => {
              setLink(`${location.origin}/wallboard?token=${encodeURIComponent(token)}`);
              setName('');
              reload();
            }, fail)
          }
        >
          {t('wallboard.tokens.create')}
        </Button>
      </Group>
      {link && (
        <Stack gap={2}>
          <Text size="xs" c="orange">
            {t('wallboard.tokens.created')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <TextInput size="xs" readOnly value={link} style={{ flex: 1 }} data-testid="wallboard-link" />
            <CopyButton value={link}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('wallboard.tokens.copied') : t('wallboard.tokens.copy')}>
                  <ActionIcon variant="light" onClick={copy} aria-label={t('wallboard.tokens.copy')}>
                    {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Stack>
      )}
      {tokens.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('wallboard.tokens.none')}
        </Text>
      )}
      {tokens.map((token) => (
        <Group key={token.id} gap="xs" wrap="nowrap" data-testid="wallboard-token">
          <Text size="sm" fw={500} style={{ flex: 1 }} truncate>
            {token.name}
          </Text>
          <Text size="xs" c="dimmed">
            {token.lastUsedAt === null
              ? t('wallboard.tokens.neverUsed')
              : t('wallboard.tokens.lastUsed', { time: formatDateTime(i18n.language, token.lastUsedAt) })}
          </Text>
          {token.revokedAt !== null ? (
            <Badge color="gray" variant="light">
              {t('wallboard.tokens.revoked')}
            </Badge>
          ) : (
            <Button
              size="compact-xs"
              color="red"
              variant="light"
              onClick={() => api.call('wallboard.revokeToken', { id: token.id }).then(reload, fail)}
            >
              {t('wallboard.tokens.revoke')}
            </Button>
          )}
        </Group>
      ))}
      <Text size="xs" c="dimmed">
        {t('wallboard.tokens.lanHint')}
      </Text>
    </Stack>
  );
}
