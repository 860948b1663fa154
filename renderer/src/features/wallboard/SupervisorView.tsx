import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  NumberInput,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconChevronUp,
  IconDots,
  IconLogout,
  IconArrowsExchange,
  IconClockPause,
  IconTrash,
  IconSelector,
} from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notReadyReasons } from '../../../../shared/center/types';
import { agentStates, type AgentState } from '../../../../shared/domain/status';
import { formatDateTime, formatPercent, formatTimer } from '../../../../shared/format';
import type { AgentMetrics } from '../../../../shared/metrics/types';
import type { Announcement, Thresholds, WallboardSnapshot } from '../../../../shared/wallboard/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { useNow } from '../../hooks/useNow';
import { agentStateOrder, longestWaitAt } from './board-logic';
import { stateIcons } from './Board';

const forcedReasons = notReadyReasons.filter((r) => r !== 'missed');
type SortKey = 'name' | 'state' | 'reason' | 'timeInState' | 'current' | 'handled' | 'aht' | 'occupancy';
const dash = '—';

function SortHeader({
  label,
  column,
  sort,
  onSort,
}: {
  label: string;
  column: SortKey;
  sort: { key: SortKey; desc: boolean };
  onSort: (key: SortKey) => void;
}) {
  const Icon = sort.key !== column ? IconSelector : sort.desc ? IconChevronDown : IconChevronUp;
  return (
    <Table.Th aria-sort={sort.key === column ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort(column)} data-testid={`sort-${column}`}>
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {label}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function compare(a: AgentMetrics, b: AgentMetrics, key: SortKey, now: number): number {
  switch (key) {
    case 'name':
      return a.name.localeCompare(b.name);
    case 'state':
      return agentStateOrder.indexOf(a.state) - agentStateOrder.indexOf(b.state);
    case 'reason':
      return (a.reason ?? '').localeCompare(b.reason ?? '');
    case 'timeInState':
      return now - a.since - (now - b.since);
    case 'current':
      return (a.currentInteractionId ?? '').localeCompare(b.currentInteractionId ?? '');
    case 'handled':
      return a.handledToday - b.handledToday;
    case 'aht':
      return (a.ahtMs ?? -1) - (b.ahtMs ?? -1);
    case 'occupancy':
      return (a.occupancy ?? -1) - (b.occupancy ?? -1);
  }
}

/** Runs a supervisor action and says how it went. */
function useAction() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (run: () => Promise<unknown>): void => {
    run().then(
      () => notifications.show({ color: 'green', message: t('wallboard.supervisor.done'), autoClose: 2000 }),
      (error: unknown) =>
        notifications.show({ color: 'red', title: t('wallboard.supervisor.failed'), message: errorMessage(error) }),
    );
  };
}

function AgentsTable({ snapshot, offsetMs }: { snapshot: WallboardSnapshot; offsetMs: number }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const act = useAction();
  const now = useNow() + offsetMs;
  const [filter, setFilter] = useState('');
  const [stateFilter, setStateFilter] = useState<AgentState | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'state', desc: false });
  const [reassigning, setReassigning] = useState<AgentMetrics | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const agents = snapshot.metrics.agents;
  const queueNames = useMemo(
    () => new Map(snapshot.metrics.queues.map((q) => [q.queueId, q.name])),
    [snapshot.metrics.queues],
  );

  const stateLabel = (a: AgentMetrics): string => t(`wallboard.state.${a.state}`);
  const reasonLabel = (a: AgentMetrics): string =>
    a.reason ? t(`wallboard.reason.${a.reason}`, { defaultValue: a.reason }) : '';
  const needle = filter.trim().toLowerCase();
  const rows = agents
    .filter((a) => stateFilter === null || a.state === stateFilter)
    .filter(
      (a) =>
        !needle ||
        a.name.toLowerCase().includes(needle) ||
        stateLabel(a).toLowerCase().includes(needle) ||
        reasonLabel(a).toLowerCase().includes(needle),
    )
    .sort((a, b) => (sort.desc ? -1 : 1) * compare(a, b, sort.key, now) || a.name.localeCompare(b.name));
  const onSort = (key: SortKey): void => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }));

  return (
    <Card withBorder padding="sm" radius="sm">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="md">
          {t('wallboard.supervisor.agents')}
        </Title>
        <Group gap="xs">
          <TextInput
            size="xs"
            w={260}
            placeholder={t('wallboard.supervisor.filter')}
            aria-label={t('wallboard.supervisor.filter')}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            data-testid="agents-filter"
          />
          <Select
            size="xs"
            w={160}
            aria-label={t('wallboard.supervisor.stateFilter')}
            placeholder={t('wallboard.supervisor.allStates')}
            clearable
            value={stateFilter}
            onChange={(v) => setStateFilter(v as AgentState | null)}
            data={agentStates.map((s) => ({ value: s, label: t(`wallboard.state.${s}`) }))}
          />
        </Group>
      </Group>
      <ScrollArea.Autosize mah="calc(100dvh - 320px)" type="auto">
        <Table striped highlightOnHover stickyHeader data-testid="agents-table">
          <Table.Thead>
            <Table.Tr>
              <SortHeader label={t('wallboard.supervisor.column.agent')} column="name" sort={sort} onSort={onSort} />
              <SortHeader label={t('wallboard.supervisor.column.state')} column="state" sort={sort} onSort={onSort} />
              <SortHeader label={t('wallboard.supervisor.column.reason')} column="reason" sort={sort} onSort={onSort} />
              <SortHeader
                label={t('wallboard.supervisor.column.timeInState')}
                column="timeInState"
                sort={sort}
                onSort={onSort}
              />
              <SortHeader
                label={t('wallboard.supervisor.column.current')}
                column="current"
                sort={sort}
                onSort={onSort}
              />
              <SortHeader
                label={t('wallboard.supervisor.column.handled')}
                column="handled"
                sort={sort}
                onSort={onSort}
              />
              <SortHeader label={t('wallboard.supervisor.column.aht')} column="aht" sort={sort} onSort={onSort} />
              <SortHeader
                label={t('wallboard.supervisor.column.occupancy')}
                column="occupancy"
                sort={sort}
                onSort={onSort}
              />
              <Table.Th>{t('wallboard.supervisor.column.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => {
              const StateIcon = stateIcons[a.state];
              return (
                <Table.Tr key={a.agentId} data-testid="agent-row" data-agent-id={a.agentId}>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <StateIcon size={16} aria-hidden />
                      {stateLabel(a)}
                    </Group>
                  </Table.Td>
                  <Table.Td>{reasonLabel(a)}</Table.Td>
                  <Table.Td className="tabular">{formatTimer((now - a.since) / 1000)}</Table.Td>
                  <Table.Td>
                    {a.currentInteractionId
                      ? `${queueNames.get(a.currentQueueId ?? '') ?? ''} #${a.currentInteractionId.slice(0, 6)}`
                      : dash}
                  </Table.Td>
                  <Table.Td className="tabular">{a.handledToday}</Table.Td>
                  <Table.Td className="tabular">{a.ahtMs === null ? dash : formatTimer(a.ahtMs / 1000)}</Table.Td>
                  <Table.Td className="tabular">
                    {a.occupancy === null ? dash : formatPercent(i18n.language, a.occupancy)}
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('wallboard.supervisor.actionsFor', { name: a.name })}
                          data-testid="agent-actions"
                        >
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Label>{t('wallboard.supervisor.forceNotReady')}</Menu.Label>
                        {forcedReasons.map((reason) => (
                          <Menu.Item
                            key={reason}
                            leftSection={<IconClockPause size={14} />}
                            onClick={() =>
                              act(() => api.call('supervisor.forceNotReady', { agentId: a.agentId, reason }))
                            }
                          >
                            {t(`wallboard.reason.${reason}`)}
                          </Menu.Item>
                        ))}
                        <Menu.Divider />
                        <Menu.Item
                          leftSection={<IconArrowsExchange size={14} />}
                          disabled={a.currentInteractionId === null || a.state !== 'on_contact'}
                          onClick={() => {
                            setReassigning(a);
                            setTarget(null);
                            setNote('');
                          }}
                        >
                          {t('wallboard.supervisor.reassign')}
                        </Menu.Item>
                        <Menu.Item
                          color="red"
                          leftSection={<IconLogout size={14} />}
                          disabled={a.state === 'offline'}
                          onClick={() => act(() => api.call('supervisor.logOut', { agentId: a.agentId }))}
                        >
                          {t('wallboard.supervisor.logOut')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {rows.length === 0 && (
          <Text c="dimmed" size="sm" ta="center" py="md">
            {t('wallboard.supervisor.noMatch')}
          </Text>
        )}
      </ScrollArea.Autosize>
      <Modal
        opened={reassigning !== null}
        onClose={() => setReassigning(null)}
        title={t('wallboard.supervisor.reassignTitle', { name: reassigning?.name ?? '' })}
      >
        <Stack gap="sm">
          <Select
            label={t('wallboard.supervisor.reassignTo')}
            value={target}
            onChange={setTarget}
            searchable
            data={agents
              .filter((a) => a.agentId !== reassigning?.agentId && a.state === 'ready')
              .map((a) => ({ value: a.agentId, label: a.name }))}
          />
          <Textarea
            label={t('wallboard.supervisor.reassignNote')}
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReassigning(null)}>
              {t('wallboard.supervisor.cancel')}
            </Button>
            <Button
              disabled={target === null}
              onClick={() => {
                const interactionId = reassigning?.currentInteractionId;
                if (!interactionId || target === null) return;
                setReassigning(null);
                act(() => api.call('supervisor.reassign', { interactionId, toAgentId: target, note }));
              }}
            >
              {t('wallboard.supervisor.reassignConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function QueuesTable({ snapshot, offsetMs }: { snapshot: WallboardSnapshot; offsetMs: number }) {
  const { t, i18n } = useTranslation();
  const now = useNow() + offsetMs;
  const pct = (v: number | null): string => (v === null ? dash : formatPercent(i18n.language, v));
  const dur = (ms: number | null): string => (ms === null ? dash : formatTimer(ms / 1000));
  return (
    <Card withBorder padding="sm" radius="sm">
      <Title order={2} fz="md" mb="xs">
        {t('wallboard.supervisor.queues')}
      </Title>
      <ScrollArea type="auto">
        <Table data-testid="queues-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('wallboard.supervisor.column.queue')}</Table.Th>
              <Table.Th>{t('wallboard.kpi.waiting')}</Table.Th>
              <Table.Th>{t('wallboard.kpi.longestWait')}</Table.Th>
              <Table.Th>{t('wallboard.kpi.serviceLevel')}</Table.Th>
              <Table.Th>{t('wallboard.window.rolling')}</Table.Th>
              <Table.Th>{t('wallboard.kpi.offered')}</Table.Th>
              <Table.Th>{t('wallboard.kpi.answered')}</Table.Th>
              <Table.Th>{t('wallboard.kpi.abandonRate')}</Table.Th>
              <Table.Th>{t('wallboard.kpi.asa')}</Table.Th>
              <Table.Th>{t('wallboard.kpi.aht')}</Table.Th>
              <Table.Th>{t('wallboard.state.ready')}</Table.Th>
              <Table.Th>{t('wallboard.state.on_contact')}</Table.Th>
              <Table.Th>{t('wallboard.state.acw')}</Table.Th>
              <Table.Th>{t('wallboard.state.not_ready')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody className="tabular">
            {snapshot.metrics.queues.map((q) => (
              <Table.Tr key={q.queueId}>
                <Table.Td>{q.name}</Table.Td>
                <Table.Td>{q.waiting}</Table.Td>
                <Table.Td>{dur(longestWaitAt(q, now))}</Table.Td>
                <Table.Td>{pct(q.today.serviceLevel)}</Table.Td>
                <Table.Td>{pct(q.rolling.serviceLevel)}</Table.Td>
                <Table.Td>{q.today.offered}</Table.Td>
                <Table.Td>{q.today.answered}</Table.Td>
                <Table.Td>{pct(q.today.abandonRate)}</Table.Td>
                <Table.Td>{dur(q.today.asaMs)}</Table.Td>
                <Table.Td>{dur(q.today.ahtMs)}</Table.Td>
                <Table.Td>{q.agents.ready}</Table.Td>
                <Table.Td>{q.agents.onContact + q.agents.offered}</Table.Td>
                <Table.Td>{q.agents.acw}</Table.Td>
                <Table.Td>{q.agents.notReady}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Card>
  );
}

function AlertsCard({ snapshot }: { snapshot: WallboardSnapshot }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const [alerts, setAlerts] = useState(snapshot.alerts);
  useEffect(() => {
    void api.call('supervisor.alerts', {}).then(setAlerts, () => undefined);
    return api.on('supervisor.alert', (alert) => setAlerts((list) => [alert, ...list].slice(0, 50)));
  }, [api]);
  return (
    <Card withBorder padding="sm" radius="sm">
      <Title order={2} fz="md" mb="xs">
        {t('wallboard.supervisor.alerts')}
      </Title>
      {alerts.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('wallboard.supervisor.noAlerts')}
        </Text>
      )}
      <Stack gap={4} data-testid="alerts">
        {alerts.slice(0, 12).map((alert) => (
          <Group key={alert.id} gap="xs" wrap="nowrap">
            <Badge color={alert.kind === 'longest_wait' ? 'red' : 'orange'} variant="light">
              {formatDateTime(i18n.language, alert.at)}
            </Badge>
            <Text size="sm">{alertText(t, alert, i18n.language)}</Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** An alert as a sentence (also the desktop notification's body). */
export function alertText(
  t: ReturnType<typeof useTranslation>['t'],
  alert: WallboardSnapshot['alerts'][number],
  lang: string,
): string {
  return alert.kind === 'service_level'
    ? t('wallboard.alert.serviceLevel', {
        queue: alert.queueName,
        value: formatPercent(lang, alert.value),
        target: formatPercent(lang, alert.threshold),
      })
    : t('wallboard.alert.longestWait', { queue: alert.queueName, wait: formatTimer(alert.value / 1000) });
}

function AnnouncementsCard() {
  const { t } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const [items, setItems] = useState<Announcement[]>([]);
  const [kind, setKind] = useState<Announcement['kind']>('notice');
  const [text, setText] = useState('');
  const reload = (): void => void api.call('wallboard.listAnnouncements', {}).then(setItems, () => undefined);
  useEffect(reload, [api]);
  const fail = (error: unknown): void =>
    void notifications.show({ color: 'red', title: t('wallboard.supervisor.failed'), message: errorMessage(error) });
  return (
    <Card withBorder padding="sm" radius="sm">
      <Title order={2} fz="md">
        {t('wallboard.announcements.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('wallboard.announcements.description')}
      </Text>
      <Group align="flex-end" gap="xs" mb="xs" wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={kind}
          onChange={(v) => setKind(v as Announcement['kind'])}
          data={[
            { value: 'notice', label: t('wallboard.ticker.notice') },
            { value: 'kudos', label: t('wallboard.ticker.kudos') },
          ]}
        />
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          aria-label={t('wallboard.announcements.text')}
          placeholder={t('wallboard.announcements.placeholder')}
          value={text}
          maxLength={280}
          onChange={(e) => setText(e.currentTarget.value)}
          data-testid="announcement-text"
        />
        <Button
          size="xs"
          disabled={text.trim() === ''}
          onClick={() =>
            api.call('wallboard.saveAnnouncement', { kind, text, active: true }).then(() => {
              setText('');
              reload();
            }, fail)
          }
        >
          {t('wallboard.announcements.add')}
        </Button>
      </Group>
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('wallboard.announcements.none')}
        </Text>
      )}
      <Stack gap={4}>
        {items.map((a) => (
          <Group key={a.id} gap="xs" wrap="nowrap">
            <Badge variant="light" color={a.kind === 'kudos' ? 'yellow' : 'blue'}>
              {t(`wallboard.ticker.${a.kind}`)}
            </Badge>
            <Text size="sm" style={{ flex: 1 }} truncate>
              {a.text}
            </Text>
            <Switch
              size="xs"
              label={t('wallboard.announcements.shown')}
              checked={a.active}
              onChange={(e) =>
                api
                  .call('wallboard.saveAnnouncement', {
                    id: a.id,
                    kind: a.kind,
                    text: a.text,
                    active: e.currentTarget.checked,
                  })
                  .then(reload, fail)
              }
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('wallboard.announcements.delete')}
              onClick={() => api.call('wallboard.deleteAnnouncement', { id: a.id }).then(reload, fail)}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function ThresholdsCard({ saved }: { saved: Thresholds }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  // Remounted (key) when the saved thresholds change, so the draft starts from them.
  const [draft, setDraft] = useState(saved);
  const field = (key: keyof Thresholds, label: string, percent: boolean): ReactNode => (
    <NumberInput
      size="xs"
      label={label}
      min={percent ? 0 : 1}
      max={percent ? 100 : 7200}
      value={percent ? Math.round(draft[key] * 100) : draft[key]}
      onChange={(v) => {
        const n = typeof v === 'number' ? v : Number(v);
        if (Number.isFinite(n)) setDraft((d) => ({ ...d, [key]: percent ? n / 100 : Math.round(n) }));
      }}
    />
  );
  return (
    <Card withBorder padding="sm" radius="sm">
      <Title order={2} fz="md">
        {t('wallboard.thresholds.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('wallboard.thresholds.description')}
      </Text>
      <SimpleGrid cols={2} spacing="xs">
        {field('longestWaitWarningSeconds', t('wallboard.thresholds.waitWarning'), false)}
        {field('longestWaitCriticalSeconds', t('wallboard.thresholds.waitCritical'), false)}
        {field('serviceLevelGood', t('wallboard.thresholds.slGood'), true)}
        {field('serviceLevelWarning', t('wallboard.thresholds.slWarning'), true)}
      </SimpleGrid>
      <Group justify="flex-end" mt="xs">
        <Button
          size="xs"
          onClick={() =>
            api.call('wallboard.saveThresholds', draft).then(
              () => notifications.show({ color: 'green', message: t('wallboard.thresholds.saved'), autoClose: 2000 }),
              (error: unknown) =>
                notifications.show({
                  color: 'red',
                  title: t('wallboard.supervisor.failed'),
                  message: errorMessage(error),
                }),
            )
          }
        >
          {t('wallboard.thresholds.save')}
        </Button>
      </Group>
    </Card>
  );
}

/** The supervisor's view: agents (sortable, filterable, with actions), queues, alerts, ticker, thresholds. */
export function SupervisorView({ snapshot, offsetMs }: { snapshot: WallboardSnapshot; offsetMs: number }) {
  return (
    <ScrollArea style={{ flex: 1 }} type="auto" data-testid="supervisor-view">
      <Stack gap="sm" p="md">
        <AgentsTable snapshot={snapshot} offsetMs={offsetMs} />
        <QueuesTable snapshot={snapshot} offsetMs={offsetMs} />
        <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="sm">
          <AlertsCard snapshot={snapshot} />
          <AnnouncementsCard />
          <ThresholdsCard key={JSON.stringify(snapshot.thresholds)} saved={snapshot.thresholds} />
        </SimpleGrid>
      </Stack>
    </ScrollArea>
  );
}
