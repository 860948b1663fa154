import { Badge, Box, Button, Group, Kbd, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimer } from '../../../../shared/format';
import { slaLevel, type WorkItem } from '../../../../shared/center/work-items';
import { useNow } from '../../hooks/useNow';
import { EmptyState } from '../../shell/EmptyState';
import { useCenter, useCenterValue } from './CenterProvider';
import { ChannelIcon, SlaBadge, border } from './parts';
import {
  countByChannel,
  filterItems,
  isTextField,
  moveSelection,
  queueFilters,
  queueKeyAction,
  secondsLeft,
  type QueueFilter,
} from './queue-logic';
import { reportQueueCommit } from './test-hooks';

/** One fixed height for every row: the virtualizer never has to measure, 5,000 rows scroll as 20. */
const rowHeight = 58;
const estimateSize = (): number => rowHeight;

interface RowProps {
  readonly item: WorkItem;
  readonly selected: boolean;
  readonly now: number;
  readonly top: number;
  onOpen(key: string): void;
  onAccept(item: WorkItem): void;
  onDecline(item: WorkItem): void;
}

const QueueRow = memo(function QueueRow({ item, selected, now, top, onOpen, onAccept, onDecline }: RowProps) {
  const { t } = useTranslation();
  const level = slaLevel(item, now);
  const offered = item.state === 'offered';
  const waited = formatTimer((now - item.since) / 1000);
  const detail = [item.queueName, item.title].filter(Boolean).join(' · ');
  return (
    <Box
      role="option"
      aria-selected={selected}
      id={`queue-row-${item.key}`}
      data-testid="queue-row"
      data-key={item.key}
      data-state={item.state}
      data-channel={item.channel}
      onClick={() => onOpen(item.key)}
      px="xs"
      py={5}
      style={{
        position: 'absolute',
        insetInline: 0,
        top: 0,
        height: rowHeight,
        transform: `translateY(${top}px)`,
        cursor: 'pointer',
        borderBottom: border,
        borderInlineStart: `3px solid ${selected ? 'var(--mantine-primary-color-filled)' : 'transparent'}`,
        background: selected ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      <Group gap={6} wrap="nowrap" h={22}>
        <ChannelIcon channel={item.channel} />
        <Text size="sm" fw={item.unread > 0 || offered ? 700 : 500} truncate style={{ flex: 1, minWidth: 0 }}>
          {item.customerName || t('workspace.queue.unknownCustomer')}
        </Text>
        {item.unread > 0 && (
          <Badge
            size="sm"
            circle={item.unread < 10}
            color="slate"
            data-testid="unread"
            aria-label={t('workspace.queue.unread', { count: item.unread })}
          >
            {item.unread > 99 ? '99+' : item.unread}
          </Badge>
        )}
        {item.timed ? (
          <SlaBadge level={level} secondsLeft={secondsLeft(item, now)} testId="sla" />
        ) : (
          <Text size="xs" c="dimmed">
            {item.channel === 'voice' ? t('workspace.queue.onCall') : t('workspace.queue.awaitingCustomer')}
          </Text>
        )}
      </Group>
      <Group gap={6} wrap="nowrap" h={24} mt={2}>
        <Text size="xs" fw={600} c={offered ? 'yellow.8' : 'dimmed'} style={{ flexShrink: 0 }}>
          {t(`workspace.itemState.${item.state}`)}
        </Text>
        <Text size="xs" c="dimmed" truncate style={{ flex: 1, minWidth: 0 }}>
          {detail}
        </Text>
        {offered ? (
          <Group gap={4} wrap="nowrap" onClick={(event) => event.stopPropagation()}>
            <Button size="compact-xs" color="green" onClick={() => onAccept(item)} data-testid="row-accept">
              {t('workspace.actions.accept')}
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => onDecline(item)} data-testid="row-decline">
              {t('workspace.actions.decline')}
            </Button>
          </Group>
        ) : (
          <Tooltip label={t('workspace.queue.waited')} openDelay={400}>
            <Text size="xs" c="dimmed" className="tabular" style={{ flexShrink: 0 }}>
              {waited}
            </Text>
          </Tooltip>
        )}
      </Group>
    </Box>
  );
});

function FilterLabel({ filter, count }: { filter: QueueFilter; count: number }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`workspace.filter.${filter}`)} openDelay={300}>
      <Group gap={3} wrap="nowrap" justify="center" aria-label={`${t(`workspace.filter.${filter}`)} (${count})`}>
        {filter === 'all' ? (
          <Text size="xs">{t('workspace.filter.allShort')}</Text>
        ) : (
          <ChannelIcon channel={filter} size={14} />
        )}
        <Text size="xs" className="tabular" c="dimmed">
          {count}
        </Text>
      </Group>
    </Tooltip>
  );
}

export function UnifiedQueue({
  selected,
  onSelect,
  onOpen,
}: {
  selected: string | null;
  onSelect(key: string | null): void;
  onOpen(key: string): void;
}) {
  const { t } = useTranslation();
  const { act } = useCenter();
  const items = useCenterValue((s) => s.items);
  const load = useCenterValue((s) => s.load);
  const [filter, setFilter] = useState<QueueFilter>('all');
  const visible = useMemo(() => filterItems(items, filter), [items, filter]);
  const counts = useMemo(() => countByChannel(items), [items]);
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);

  // The virtualizer hands out fresh measurements each render; the compiler cannot memoise around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey: useCallback((index: number) => visible[index]?.key ?? index, [visible]),
    overscan: 6,
  });

  useLayoutEffect(() => reportQueueCommit());

  // Callbacks stay the same across renders, so memoised rows skip when only the list changed.
  const latest = useRef({ visible, selected, onSelect, onOpen, act });
  useLayoutEffect(() => {
    latest.current = { visible, selected, onSelect, onOpen, act };
  });
  const handlers = useMemo(
    () => ({
      open: (key: string) => {
        latest.current.onSelect(key);
        latest.current.onOpen(key);
      },
      accept: (item: WorkItem) => {
        latest.current.onSelect(item.key);
        latest.current.onOpen(item.key);
        void latest.current.act('center.accept', { interactionId: item.refId }, t('workspace.offer.acceptFailed'));
      },
      decline: (item: WorkItem) =>
        void latest.current.act('center.decline', { interactionId: item.refId }, t('workspace.offer.declineFailed')),
    }),
    [t],
  );

  // The queue's single-letter keys, anywhere in the Workspace except where the agent types.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      // A dialog or menu owns the keyboard while open.
      if (target?.closest?.('[role="dialog"], [role="menu"], [role="listbox"]:not([data-queue])')) return;
      const action = queueKeyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inTextField: isTextField(event.target),
      });
      if (action === null) return;
      // Enter on a button or link is that control's own click.
      if (action === 'open' && target && target.closest('button, a') && !target.closest('[data-queue]')) return;
      const { visible: list, selected: current } = latest.current;
      const move = (key: string | null): void => {
        latest.current.onSelect(key);
        const index = list.findIndex((i) => i.key === key);
        if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
      };
      const item = list.find((i) => i.key === current);
      switch (action) {
        case 'next':
          move(moveSelection(list, current, 1));
          break;
        case 'previous':
          move(moveSelection(list, current, -1));
          break;
        case 'first':
          move(list[0]?.key ?? null);
          break;
        case 'last':
          move(list[list.length - 1]?.key ?? null);
          break;
        case 'open':
          if (!item) return;
          latest.current.onOpen(item.key);
          break;
        case 'accept':
          if (item?.state !== 'offered') return;
          handlers.accept(item);
          break;
        case 'decline':
          if (item?.state !== 'offered') return;
          handlers.decline(item);
          break;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [handlers, virtualizer]);

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }} data-testid="unified-queue">
      <Group
        h={32}
        px="sm"
        gap={6}
        justify="space-between"
        wrap="nowrap"
        style={{ borderBottom: border, flexShrink: 0 }}
      >
        <Text size="xs" fw={600} tt="uppercase" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('workspace.queue.title')}
        </Text>
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(value) => setFilter(value as QueueFilter)}
          aria-label={t('workspace.filter.label')}
          data-testid="queue-filter"
          styles={{ label: { paddingInline: 6 } }}
          data={queueFilters.map((f) => ({ value: f, label: <FilterLabel filter={f} count={counts[f]} /> }))}
        />
      </Group>
      <Box
        ref={scroller}
        role="listbox"
        data-queue
        aria-label={t('workspace.queue.title')}
        aria-activedescendant={selected ? `queue-row-${selected}` : undefined}
        tabIndex={0}
        style={{ flex: 1, minHeight: 0, overflow: 'auto', position: 'relative', outlineOffset: -2 }}
      >
        {visible.length === 0 ? (
          <EmptyState
            icon={IconInbox}
            title={load.status === 'loading' ? t('common.loading') : t('workspace.queue.empty')}
            hint={filter === 'all' ? t('workspace.queue.emptyHint') : t('workspace.queue.emptyFiltered')}
          />
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = visible[row.index];
              if (!item) return null;
              return (
                <QueueRow
                  key={item.key}
                  item={item}
                  top={row.start}
                  selected={item.key === selected}
                  now={now}
                  onOpen={handlers.open}
                  onAccept={handlers.accept}
                  onDecline={handlers.decline}
                />
              );
            })}
          </div>
        )}
      </Box>
      <Group gap={8} px="sm" py={3} wrap="wrap" style={{ borderTop: border, flexShrink: 0 }} data-testid="queue-keys">
        <KeyHint keys={['J', 'K']} label={t('workspace.keys.move')} />
        <KeyHint keys={['↵']} label={t('workspace.keys.open')} />
        <KeyHint keys={['A']} label={t('workspace.keys.accept')} />
        <KeyHint keys={['D']} label={t('workspace.keys.decline')} />
      </Group>
    </Box>
  );
}

function KeyHint({ keys, label }: { keys: string[]; label: string }) {
  return (
    <Group gap={3} wrap="nowrap">
      {keys.map((k) => (
        <Kbd key={k} size="xs" style={{ fontSize: 10, paddingBlock: 0 }}>
          {k}
        </Kbd>
      ))}
      <Text size="xs" c="dimmed" style={{ fontSize: 11 }}>
        {label}
      </Text>
    </Group>
  );
}
