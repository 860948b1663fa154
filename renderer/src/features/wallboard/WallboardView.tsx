import { ActionIcon, Group, Tabs, Text, Tooltip } from '@mantine/core';
import { IconMaximize } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext';
import { Board } from './Board';
import { SupervisorView } from './SupervisorView';
import { installWallboardTestHooks } from './test-hooks';
import { useWallboardData, useWallboardFeed, wallboardStore } from './wallboard-store';

/** The wallboard alone, filling its box: the TV page and the section's first tab. */
export function WallboardScreen() {
  const { api, info } = useApp();
  useWallboardFeed(api);
  const data = useWallboardData();
  const testHooks = info?.testHooks === true;
  useEffect(() => (testHooks ? installWallboardTestHooks(wallboardStore) : undefined), [testHooks]);
  return (
    <div className="wb-frame" data-mantine-color-scheme="dark">
      <Board data={data} />
    </div>
  );
}

/** The Wallboard section: the board (always dark), and for supervisors their view beside it. */
export function WallboardView() {
  const { t } = useTranslation();
  const { api, settings, info } = useApp();
  const supervisor = settings.profile.role === 'supervisor';
  const testHooks = info?.testHooks === true;
  useEffect(() => (testHooks ? installWallboardTestHooks(wallboardStore) : undefined), [testHooks]);
  const [tab, setTab] = useState<string | null>('board');
  const frame = useRef<HTMLDivElement>(null);
  useWallboardFeed(api);
  const data = useWallboardData();
  const shown = supervisor ? tab : 'board';

  return (
    <Tabs
      value={shown}
      onChange={setTab}
      keepMounted={false}
      style={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <Group justify="space-between" px="sm" wrap="nowrap">
        <Tabs.List style={{ borderBottom: 0 }}>
          <Tabs.Tab value="board" data-testid="tab-board">
            {t('wallboard.tabs.board')}
          </Tabs.Tab>
          {supervisor && (
            <Tabs.Tab value="supervisor" data-testid="tab-supervisor">
              {t('wallboard.tabs.supervisor')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        {shown === 'board' && (
          <Tooltip label={t('wallboard.fullScreen')}>
            <ActionIcon
              variant="subtle"
              aria-label={t('wallboard.fullScreen')}
              onClick={() => void frame.current?.requestFullscreen().catch(() => undefined)}
            >
              <IconMaximize size={18} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Tabs.Panel value="board" style={{ flex: 1, display: 'flex', minHeight: 0 }}>
        <div ref={frame} className="wb-frame" data-mantine-color-scheme="dark">
          <Board data={data} />
        </div>
      </Tabs.Panel>
      <Tabs.Panel value="supervisor" style={{ flex: 1, display: 'flex', minHeight: 0 }}>
        {data.snapshot ? (
          <SupervisorView snapshot={data.snapshot} offsetMs={data.offsetMs} />
        ) : (
          <Text c="dimmed" p="md">
            {t('wallboard.waitingForData')}
          </Text>
        )}
      </Tabs.Panel>
    </Tabs>
  );
}
