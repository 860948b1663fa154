import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconPlugConnected, IconPlugConnectedX, IconPhone, IconPhoneOff, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatTimer } from '../../../shared/format';
import type { AgentState, PhoneState } from '../../../shared/domain/status';
import { assertNever } from '../../../shared/assert';
import { useApp, useConnection } from '../app/AppContext';
import { useNow } from '../hooks/useNow';

export function agentStateColor(state: AgentState): string {
  switch (state) {
    case 'ready':
      return 'green';
    case 'offered':
      return 'yellow';
    case 'on_contact':
      return 'blue';
    case 'acw':
      return 'violet';
    case 'not_ready':
      return 'orange';
    case 'offline':
      return 'gray';
    default:
      return assertNever(state, 'agent state');
  }
}

/** One colour per registration state, beside its label (never colour alone). */
export function phoneStateColor(state: PhoneState): string {
  switch (state) {
    case 'registered':
      return 'green';
    case 'registering':
      return 'yellow';
    case 'failed':
      return 'red';
    case 'unregistered':
    case 'unconfigured':
      return 'gray';
    default:
      return assertNever(state, 'phone state');
  }
}

function Dot({ color }: { color: string }) {
  return (
    <span
      aria-hidden
      style={{
        width: 8,
        height: 8,
        borderRadius: 4,
        background: `var(--mantine-color-${color}-6)`,
        display: 'inline-block',
      }}
    />
  );
}

/** Agent state, phone registration and the link to the services: always visible, text beside every colour. */
export function StatusBar() {
  const { t } = useTranslation();
  const { status, info } = useApp();
  const connection = useConnection();
  const now = useNow();

  const agent = status?.agent;
  const phone = status?.phone;
  const timeInState = agent ? formatTimer((now - Date.parse(agent.since)) / 1000) : '';

  return (
    <Group h="100%" px="sm" gap="lg" justify="space-between" wrap="nowrap" role="status" aria-label={t('status.label')}>
      <Group gap="lg" wrap="nowrap">
        {agent && (
          <Group gap={6} wrap="nowrap" data-testid="agent-state">
            <IconUser size={14} stroke={1.6} aria-hidden />
            <Dot color={agentStateColor(agent.state)} />
            <Text size="xs" className="tabular">
              {t('status.agent.timeInState', { state: t(`status.agent.${agent.state}`), time: timeInState })}
            </Text>
          </Group>
        )}
        {phone && (
          <Tooltip label={phone.detail ?? t(`status.phone.${phone.state}`)} disabled={phone.detail === null}>
            <Group gap={6} wrap="nowrap" data-testid="phone-state">
              {phone.state === 'registered' ? (
                <IconPhone size={14} stroke={1.6} aria-hidden />
              ) : (
                <IconPhoneOff size={14} stroke={1.6} aria-hidden />
              )}
              <Dot color={phoneStateColor(phone.state)} />
              <Text size="xs">{t(`status.phone.${phone.state}`)}</Text>
            </Group>
          </Tooltip>
        )}
      </Group>
      <Group gap="md" wrap="nowrap">
        <Group gap={6} wrap="nowrap" data-testid="connection-state" data-status={connection.status}>
          {connection.status === 'open' ? (
            <IconPlugConnected size={14} stroke={1.6} aria-hidden />
          ) : (
            <IconPlugConnectedX size={14} stroke={1.6} aria-hidden color="var(--mantine-color-red-6)" />
          )}
          <Text size="xs">
            {connection.status === 'reconnecting'
              ? t('status.connection.reconnecting', { attempt: connection.attempt })
              : t(`status.connection.${connection.status}`)}
          </Text>
        </Group>
        {info && (
          <Badge size="xs" variant="light" color="gray" radius="sm">
            {t(`status.mode.${info.mode}`)} · {info.version}
          </Badge>
        )}
      </Group>
    </Group>
  );
}
