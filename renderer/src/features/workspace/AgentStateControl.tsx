import { Button, Group, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconCircleFilled, IconCoffee, IconPlayerPlay, IconPower } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MethodRequest } from '../../../../shared/api/contract';
import { formatTimer } from '../../../../shared/format';
import type { notReadyReasons } from '../../../../shared/center/types';
import { useNow } from '../../hooks/useNow';
import { agentStateColor } from '../../shell/StatusBar';
import { useCenter, useCenterValue } from './CenterProvider';

type Reason = Exclude<(typeof notReadyReasons)[number], 'missed'>;
const choosable: readonly Reason[] = ['break', 'lunch', 'meeting', 'training', 'coaching'];

/**
 * Ready / Not ready (with a reason) / Offline, chosen by the agent; Offered, On contact and
 * ACW are set by the center and shown here with the time in state.
 */
export function AgentStateControl() {
  const { t } = useTranslation();
  const { act } = useCenter();
  const me = useCenterValue((s) => s.me);
  const offered = useCenterValue((s) => s.notReadyReasons);
  const now = useNow();
  if (!me) return null;
  const reasons = choosable.filter((r) => offered.length === 0 || offered.includes(r));
  const reasonLabel = (reason: string): string =>
    (['break', 'lunch', 'meeting', 'training', 'coaching', 'missed'] as const).includes(reason as Reason)
      ? t(`workspace.reason.${reason as Reason | 'missed'}`)
      : reason;
  const state = t(`status.agent.${me.state}`);
  const label = me.state === 'not_ready' && me.reason ? `${state} · ${reasonLabel(me.reason)}` : state;
  const set = (request: MethodRequest<'center.setState'>): void =>
    void act('center.setState', request, t('workspace.agentState.failed'));

  return (
    <Menu position="bottom-start" shadow="md" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          data-testid="agent-state-control"
          data-state={me.state}
          leftSection={
            <IconCircleFilled size={10} color={`var(--mantine-color-${agentStateColor(me.state)}-6)`} aria-hidden />
          }
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={t('workspace.agentState.label', { state: label })}
        >
          <Group gap={6} wrap="nowrap">
            <Text size="xs" fw={600}>
              {label}
            </Text>
            <Text size="xs" c="dimmed" className="tabular">
              {formatTimer((now - me.since) / 1000)}
            </Text>
          </Group>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconPlayerPlay size={14} color="var(--mantine-color-green-6)" />}
          disabled={me.state === 'ready'}
          onClick={() => set({ state: 'ready' })}
          data-testid="set-ready"
        >
          {t('status.agent.ready')}
        </Menu.Item>
        <Menu.Label>{t('status.agent.not_ready')}</Menu.Label>
        {reasons.map((reason) => (
          <Menu.Item
            key={reason}
            leftSection={<IconCoffee size={14} color="var(--mantine-color-orange-6)" />}
            disabled={me.state === 'not_ready' && me.reason === reason}
            onClick={() => set({ state: 'not_ready', reason })}
            data-testid={`set-not-ready-${reason}`}
          >
            {t(`workspace.reason.${reason}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconPower size={14} />}
          disabled={me.state === 'offline'}
          onClick={() => set({ state: 'offline' })}
          data-testid="set-offline"
        >
          {t('status.agent.offline')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
