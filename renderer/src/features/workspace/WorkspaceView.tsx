import { Box, Text } from '@mantine/core';
import { IconInbox, IconMessages, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../shell/EmptyState';
import { PageHeader } from '../../shell/PageHeader';
import { Panel } from '../../shell/Panel';
import { CallHistory } from '../softphone/CallHistory';
import { SoftphoneDock } from '../softphone/SoftphoneDock';

const border = '1px solid var(--mantine-color-default-border)';

/** The agent's one window: phone and queue, the conversation, and the customer beside it. */
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
          gridTemplateColumns: 'minmax(280px, 340px) 1fr minmax(280px, 340px)',
        }}
      >
        <Box
          style={{
            display: 'grid',
            gridTemplateRows: 'auto minmax(120px, 1fr) minmax(140px, 0.8fr)',
            minHeight: 0,
            borderInlineEnd: border,
          }}
        >
          <Box p="xs" style={{ borderBottom: border }}>
            <SoftphoneDock />
          </Box>
          <Panel title={t('workspace.queue.title')} testId="unified-queue">
            <EmptyState icon={IconInbox} title={t('workspace.queue.empty')} hint={t('workspace.queue.emptyHint')} />
          </Panel>
          <Box p="xs" style={{ borderTop: border, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
            <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={4}>
              {t('softphone.history.title')}
            </Text>
            <CallHistory />
          </Box>
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
