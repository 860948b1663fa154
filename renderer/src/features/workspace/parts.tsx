import { Badge, Group, Text, Tooltip } from '@mantine/core';
import {
  IconAlertOctagon,
  IconAlertTriangle,
  IconCircleCheck,
  IconMessageCircle,
  IconPhone,
  IconPhoneCall,
  IconTicket,
  type Icon,
} from '@tabler/icons-react';
import { createElement } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../../../shared/assert';
import { formatTimer } from '../../../../shared/format';
import type { WorkItemChannel } from '../../../../shared/center/work-items';
import type { SlaLevel } from '../../../../shared/center/work-items';

export const border = '1px solid var(--mantine-color-default-border)';

export const channelIcons: Readonly<Record<WorkItemChannel, Icon>> = {
  voice: IconPhone,
  chat: IconMessageCircle,
  ticket: IconTicket,
  followUp: IconPhoneCall,
};

export function ChannelIcon({ channel, size = 16 }: { channel: WorkItemChannel; size?: number }) {
  const { t } = useTranslation();
  return createElement(channelIcons[channel], {
    size,
    stroke: 1.6,
    'aria-label': t(`workspace.channel.${channel}`),
    role: 'img',
  });
}

/** Calm hues: green while on track, amber when half the window is gone, red once breached. */
export function slaColor(level: SlaLevel): string {
  switch (level) {
    case 'ok':
      return 'teal';
    case 'warning':
      return 'yellow';
    case 'breached':
      return 'red';
    default:
      return assertNever(level, 'sla level');
  }
}

const slaIcons: Readonly<Record<SlaLevel, Icon>> = {
  ok: IconCircleCheck,
  warning: IconAlertTriangle,
  breached: IconAlertOctagon,
};

/** The SLA countdown: an icon and words beside the colour, so it reads without colour too. */
export function SlaBadge({ level, secondsLeft, testId }: { level: SlaLevel; secondsLeft: number; testId?: string }) {
  const { t } = useTranslation();
  const text =
    secondsLeft >= 0
      ? t('workspace.sla.left', { time: formatTimer(secondsLeft) })
      : t('workspace.sla.over', { time: formatTimer(-secondsLeft) });
  return (
    <Tooltip label={t(`workspace.sla.${level}`)} openDelay={400}>
      <Badge
        size="sm"
        radius="sm"
        variant="light"
        color={slaColor(level)}
        leftSection={createElement(slaIcons[level], { size: 12, 'aria-hidden': true })}
        className="tabular"
        data-testid={testId}
        data-sla={level}
        style={{ textTransform: 'none', flexShrink: 0 }}
        aria-label={`${t(`workspace.sla.${level}`)}: ${text}`}
      >
        {text}
      </Badge>
    </Tooltip>
  );
}

export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text size="xs" c="dimmed" w={96} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ minWidth: 0, flex: 1, fontSize: 'var(--mantine-font-size-sm)' }}>{children}</div>
    </Group>
  );
}

/** Reads a File as base64 (without the data: prefix) for the attachment upload. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Internal notes and comments: a pale yellow in light mode, a faint tint in dark (never a loud block). */
export const noteBackground = 'light-dark(var(--mantine-color-yellow-0), rgba(250, 176, 5, 0.08))';
