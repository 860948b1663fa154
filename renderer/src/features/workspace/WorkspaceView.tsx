import { Alert, Box, Text } from '@mantine/core';
import { IconInbox, IconMessages, IconPhoneOff, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../shell/EmptyState';
import { PageHeader } from '../../shell/PageHeader';
import { Panel } from '../../shell/Panel';

/** The agent's one window: queue, conversation, and the customer beside it. */
export function WorkspaceView() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('workspace.title')} />
      <Box
        style={{
          flex: 1,
          minHeight: 0,
          display: 'grid',
          gridTemplateColumns: 'minmax(260px, 320px) 1fr minmax(280px, 340px)',
        }}
      >
        <Box style={{ display: 'grid', gridTemplateRows: 'auto 1fr', minHeight: 0 }}>
          <Box
            p="xs"
            style={{
              borderBottom: '1px solid var(--mantine-color-default-border)',
              borderInlineEnd: '1px solid var(--mantine-color-default-border)',
            }}
            data-testid="softphone-dock"
          >
            <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={4}>
              {t('workspace.softphone.title')}
            </Text>
            <Alert variant="light" color="gray" p={6} icon={<IconPhoneOff size={16} />}>
              <Text size="xs">{t('workspace.softphone.unconfigured')}</Text>
            </Alert>
          </Box>
          <Panel title={t('workspace.queue.title')} testId="unified-queue">
            <EmptyState icon={IconInbox} title={t('workspace.queue.empty')} hint={t('workspace.queue.emptyHint')} />
          </Panel>
        </Box>
        <Panel title={t('workspace.conversation.title')}>
          <EmptyState
            icon={IconMessages}
            title={t('workspace.conversation.empty')}
            hint={t('workspace.conversation.emptyHint')}
          />
        </Panel>
        <Panel title={t('workspace.customer.title')}>
          <EmptyState
            icon={IconUserCircle}
            title={t('workspace.customer.empty')}
            hint={t('workspace.customer.emptyHint')}
          />
        </Panel>
      </Box>
    </>
  );
}
