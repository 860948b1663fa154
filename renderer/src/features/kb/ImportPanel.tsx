import { Alert, Button, Group, Modal, Progress, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../../shared/kb/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';

/**
 * The editors' import: a folder on the machine that runs the services (the desktop app's own
 * machine, or the web host's), read in the background with progress, then the report with
 * one line per skipped file.
 */
export function ImportPanel({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const [dir, setDir] = useState('');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      api.on('kb.importProgress', (progress) => {
        setJob((current) => (current === null || current.jobId === progress.jobId ? progress : current));
      }),
    [api],
  );
  // After a reconnect the events of the gap are lost: ask for the job once more.
  useEffect(
    () =>
      api.onResync(() => {
        setJob((current) => {
          if (current !== null) void api.call('kb.importJob', { jobId: current.jobId }).then(setJob, () => undefined);
          return current;
        });
      }),
    [api],
  );

  const start = async (): Promise<void> => {
    setError(null);
    try {
      const { jobId } = await api.call('kb.importStart', { dir: dir.trim() });
      setJob((current) => current ?? { jobId, dir, state: 'running', done: 0, total: 0, report: null, error: null });
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  const running = job?.state === 'running';
  const report = job?.report ?? null;

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('kb.importer.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {t('kb.importer.description')}
        </Text>
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('kb.importer.folder')}
            description={t('kb.importer.folderHint')}
            placeholder={t('kb.importer.folderPlaceholder')}
            value={dir}
            onChange={(event) => setDir(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && dir.trim() && !running) void start();
            }}
            data-autofocus
            data-testid="kb-import-folder"
          />
          <Button onClick={() => void start()} disabled={dir.trim() === '' || running} data-testid="kb-import-start">
            {t('kb.importer.start')}
          </Button>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        {running && (
          <Stack gap={4}>
            <Text size="xs">{t('kb.importer.running', { done: job.done, total: job.total })}</Text>
            <Progress
              value={job.total > 0 ? (100 * job.done) / job.total : 0}
              animated
              aria-label={t('kb.importer.title')}
            />
          </Stack>
        )}
        {job?.state === 'failed' && <Alert color="red">{t('kb.importer.failed', { message: job.error ?? '' })}</Alert>}
        {report && (
          <Stack gap={4} data-testid="kb-import-report">
            <Alert color={report.skipped.length > 0 ? 'orange' : 'green'}>
              {t('kb.importer.done', {
                files: report.files,
                created: report.created,
                updated: report.updated,
                unchanged: report.unchanged,
                skipped: report.skipped.length,
              })}
            </Alert>
            {report.skipped.length > 0 && (
              <>
                <Text size="xs" fw={600}>
                  {t('kb.importer.skippedTitle')}
                </Text>
                <ScrollArea.Autosize mah={240}>
                  <Table>
                    <Table.Tbody>
                      {report.skipped.map((skip) => (
                        <Table.Tr key={skip.path}>
                          <Table.Td style={{ wordBreak: 'break-all' }}>{skip.path}</Table.Td>
                          <Table.Td>{t(`kb.importer.reason.${skip.reason}`)}</Table.Td>
                          <Table.Td c="dimmed">{skip.detail}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              </>
            )}
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
