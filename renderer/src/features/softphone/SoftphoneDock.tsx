import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  Popover,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconArrowsExchange,
  IconDialpad,
  IconMicrophone,
  IconMicrophoneOff,
  IconPhone,
  IconPhoneIncoming,
  IconPhoneOff,
  IconPhoneOutgoing,
  IconPlayerPause,
  IconPlayerPlay,
  IconSettings,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimer } from '../../../../shared/format';
import { parseDialString } from '../../../../shared/softphone/dial-string';
import type { Line, Registration } from '../../../../shared/softphone/types';
import { useNow } from '../../hooks/useNow';
import { hashFor } from '../../shell/sections';
import { phoneStateColor } from '../../shell/StatusBar';
import { onPhoneCommand } from './phone-commands';
import { usePhone } from './PhoneProvider';

const keypad = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

function RegistrationBadge({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  const now = useNow();
  const retry = registration.retryAt === null ? null : Math.max(0, Math.ceil((registration.retryAt - now) / 1000));
  const reason = registration.reason ? t(`softphone.registration.reasons.${registration.reason}`) : null;
  const label = [
    t(`softphone.registration.${registration.state}`),
    reason,
    retry !== null ? t('softphone.registration.retryIn', { seconds: retry }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip label={registration.detail ?? label} disabled={!registration.detail} multiline maw={320}>
      <Badge
        data-testid="registration"
        data-state={registration.state}
        variant="light"
        color={phoneStateColor(registration.state)}
        radius="sm"
        size="sm"
        // The reason is what the agent needs to read: wrap it rather than cut it off.
        h="auto"
        py={2}
        style={{ textTransform: 'none', maxWidth: '70%', whiteSpace: 'normal', textAlign: 'end', lineHeight: 1.3 }}
        styles={{ label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip' } }}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

function LineTimer({ line }: { line: Line }) {
  const now = useNow();
  const since = line.answeredAt ?? line.startedAt;
  return (
    <Text size="xs" className="tabular" c="dimmed">
      {formatTimer((now - since) / 1000)}
    </Text>
  );
}

function TransferButton({ line, onConsult }: { line: Line; onConsult: (lineId: string) => void }) {
  const { t } = useTranslation();
  const { act } = usePhone();
  const [opened, setOpened] = useState(false);
  const [target, setTarget] = useState('');
  const parsed = parseDialString(target);
  const error = target.trim() !== '' && !parsed.ok ? t(`softphone.dial.errors.${parsed.reason}`) : null;
  useEffect(() => onPhoneCommand((command) => command === 'transfer' && setOpened(true)), []);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow trapFocus>
      <Popover.Target>
        <Tooltip label={t('softphone.actions.transfer')}>
          <ActionIcon
            variant="default"
            aria-label={t('softphone.actions.transfer')}
            onClick={() => setOpened((o) => !o)}
          >
            <IconArrowsExchange size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} w={240}>
          <TextInput
            data-autofocus
            label={t('softphone.transfer.title')}
            placeholder={t('softphone.dial.placeholder')}
            value={target}
            error={error}
            onChange={(event) => setTarget(event.currentTarget.value)}
            data-testid="transfer-target"
          />
          <Group gap={6} grow>
            <Button
              disabled={!parsed.ok}
              onClick={() => {
                setOpened(false);
                void act('softphone.transfer', { lineId: line.id, target });
              }}
            >
              {t('softphone.transfer.blind')}
            </Button>
            <Button
              variant="default"
              disabled={!parsed.ok}
              onClick={() => {
                setOpened(false);
                void act('softphone.consult', { lineId: line.id, target }).then(
                  (result) => result && onConsult(result.lineId),
                );
              }}
            >
              {t('softphone.transfer.consult')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function LineCard({ line, selected, onSelect }: { line: Line; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const { act, select, state, ignore, ignored } = usePhone();
  const caller = line.remote.displayName ?? line.remote.number;
  const consulted = line.consultFor ? state.lines.find((l) => l.id === line.consultFor) : undefined;
  const status = line.held
    ? t('softphone.line.held')
    : line.remoteHeld
      ? t('softphone.line.remoteHeld')
      : t(`softphone.line.state.${line.state}`);
  return (
    <Box
      data-testid="line"
      data-line-state={line.state}
      data-held={line.held}
      p={6}
      onClick={onSelect}
      style={{
        border: `1px solid ${selected ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}`,
        borderRadius: 4,
        cursor: 'pointer',
      }}
    >
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Badge size="xs" variant="default" radius="sm">
            L{line.slot}
          </Badge>
          {line.direction === 'inbound' ? (
            <IconPhoneIncoming size={14} aria-hidden />
          ) : (
            <IconPhoneOutgoing size={14} aria-hidden />
          )}
          <Text size="sm" fw={600} truncate>
            {caller}
          </Text>
        </Group>
        <LineTimer line={line} />
      </Group>
      <Group gap={6} mt={2} wrap="nowrap">
        <Text size="xs" c={line.state === 'ringing' ? 'green' : 'dimmed'} truncate>
          {line.waiting ? t('softphone.line.waiting') : status}
          {line.muted ? ` · ${t('softphone.line.muted')}` : ''}
          {line.queue ? ` · ${line.queue}` : ''}
          {line.quality ? ` · MOS ${line.quality.mos.toFixed(1)}` : ''}
        </Text>
      </Group>
      <Group gap={4} mt={6} onClick={(event) => event.stopPropagation()}>
        {line.state === 'ringing' && (
          <>
            <Button
              size="xs"
              color="green"
              leftSection={<IconPhone size={14} />}
              onClick={() => void act('softphone.answer', { lineId: line.id })}
            >
              {t('softphone.actions.answer')}
            </Button>
            <Button size="xs" variant="default" onClick={() => void act('softphone.reject', { lineId: line.id })}>
              {t('softphone.actions.reject')}
            </Button>
            {!ignored.has(line.id) && (
              <Button size="xs" variant="subtle" color="gray" onClick={() => ignore(line.id)}>
                {t('softphone.actions.ignore')}
              </Button>
            )}
          </>
        )}
        {line.state === 'connected' && (
          <>
            <Tooltip label={line.held ? t('softphone.actions.resume') : t('softphone.actions.hold')}>
              <ActionIcon
                variant={line.held ? 'filled' : 'default'}
                color="yellow"
                aria-label={line.held ? t('softphone.actions.resume') : t('softphone.actions.hold')}
                data-testid="hold"
                onClick={() => void act('softphone.hold', { lineId: line.id, hold: !line.held })}
              >
                {line.held ? <IconPlayerPlay size={16} /> : <IconPlayerPause size={16} />}
              </ActionIcon>
            </Tooltip>
            <Tooltip label={line.muted ? t('softphone.actions.unmute') : t('softphone.actions.mute')}>
              <ActionIcon
                variant={line.muted ? 'filled' : 'default'}
                color="orange"
                aria-label={line.muted ? t('softphone.actions.unmute') : t('softphone.actions.mute')}
                onClick={() => void act('softphone.mute', { lineId: line.id, muted: !line.muted })}
              >
                {line.muted ? <IconMicrophoneOff size={16} /> : <IconMicrophone size={16} />}
              </ActionIcon>
            </Tooltip>
            <TransferButton line={line} onConsult={select} />
            {consulted && (
              <>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() =>
                    void act('softphone.completeTransfer', { lineId: consulted.id, consultLineId: line.id })
                  }
                >
                  {t('softphone.actions.completeTransfer')}
                </Button>
                <Tooltip label={t('softphone.actions.conference')}>
                  <ActionIcon
                    variant="default"
                    aria-label={t('softphone.actions.conference')}
                    onClick={() => void act('softphone.conference', { lineId: consulted.id, otherLineId: line.id })}
                  >
                    <IconUsersGroup size={16} />
                  </ActionIcon>
                </Tooltip>
              </>
            )}
          </>
        )}
        {line.state !== 'ended' && line.state !== 'ringing' && (
          <Button
            size="xs"
            color="red"
            ml="auto"
            leftSection={<IconPhoneOff size={14} />}
            data-testid="hangup"
            onClick={() => void act('softphone.hangup', { lineId: line.id })}
          >
            {t('softphone.actions.hangup')}
          </Button>
        )}
      </Group>
    </Box>
  );
}

/** The softphone, docked in the workspace: always visible, keyboard first. */
export function SoftphoneDock() {
  const { t } = useTranslation();
  const { state, act, current, select } = usePhone();
  const [number, setNumber] = useState('');
  const [showKeypad, setShowKeypad] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dialing, setDialing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const configured = state.registration.state !== 'unconfigured';
  const live = current?.state === 'connected' ? current : undefined;

  useEffect(
    () =>
      onPhoneCommand((command) => {
        if (command === 'dial') input.current?.focus();
        if (!current) return;
        if (command === 'answer' && current.state === 'ringing') void act('softphone.answer', { lineId: current.id });
        if (command === 'hangup')
          void act(current.state === 'ringing' ? 'softphone.reject' : 'softphone.hangup', { lineId: current.id });
        if (command === 'hold' && current.state === 'connected')
          void act('softphone.hold', { lineId: current.id, hold: !current.held });
        if (command === 'mute' && current.state === 'connected')
          void act('softphone.mute', { lineId: current.id, muted: !current.muted });
      }),
    [act, current],
  );

  const dial = async (): Promise<void> => {
    if (dialing) return; // a double click or a held Enter places one call, not two
    const parsed = parseDialString(number);
    if (!parsed.ok) {
      setError(t(`softphone.dial.errors.${parsed.reason}`));
      return;
    }
    setError(null);
    setDialing(true);
    const result = await act('softphone.dial', { target: number }).finally(() => setDialing(false));
    if (result) {
      setNumber('');
      select(result.lineId);
    }
  };

  const press = (key: string): void => {
    // During a call the keypad sends DTMF; otherwise it types the number.
    if (live) void act('softphone.dtmf', { lineId: live.id, tones: key });
    else setNumber((n) => n + key);
  };

  return (
    <Stack gap={6} data-testid="softphone-dock">
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" fw={600} tt="uppercase" c="dimmed">
          {t('softphone.title')}
        </Text>
        <RegistrationBadge registration={state.registration} />
      </Group>
      {!configured ? (
        <Button
          component="a"
          href={hashFor('settings')}
          variant="light"
          size="xs"
          leftSection={<IconSettings size={14} />}
        >
          {t('softphone.setup')}
        </Button>
      ) : (
        <>
          <Group gap={4} wrap="nowrap" align="flex-start">
            <TextInput
              ref={input}
              style={{ flex: 1 }}
              placeholder={t('softphone.dial.placeholder')}
              aria-label={t('softphone.dial.placeholder')}
              value={number}
              error={error}
              data-testid="dial-input"
              onChange={(event) => {
                setNumber(event.currentTarget.value);
                setError(null);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') void dial();
              }}
            />
            <Tooltip label={t('softphone.keypad')}>
              <ActionIcon
                variant={showKeypad ? 'filled' : 'default'}
                size={30}
                aria-label={t('softphone.keypad')}
                onClick={() => setShowKeypad((v) => !v)}
              >
                <IconDialpad size={16} />
              </ActionIcon>
            </Tooltip>
            <Button
              size="xs"
              h={30}
              color="green"
              data-testid="dial-button"
              loading={dialing}
              onClick={() => void dial()}
              aria-label={t('softphone.dial.button')}
            >
              <IconPhone size={16} />
            </Button>
          </Group>
          {showKeypad && (
            <SimpleGrid cols={3} spacing={4} verticalSpacing={4} data-testid="keypad">
              {keypad.map((key) => (
                <UnstyledButton
                  key={key}
                  onClick={() => press(key)}
                  ta="center"
                  py={4}
                  style={{
                    border: '1px solid var(--mantine-color-default-border)',
                    borderRadius: 4,
                    fontVariantNumeric: 'tabular-nums',
                  }}
                >
                  {key}
                </UnstyledButton>
              ))}
            </SimpleGrid>
          )}
          <Stack gap={4}>
            {state.lines.map((line) => (
              <LineCard key={line.id} line={line} selected={current?.id === line.id} onSelect={() => select(line.id)} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
