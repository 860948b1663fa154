import { Badge, Button, Group, Loader, Modal, ScrollArea, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import type { MissedQuery } from '../../../../shared/kb/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';

/** For the editors: what agents searched and did not find; write the article, then dismiss. */
export function MissedQueries({
  onClose,
  onWrite,
}: {
  readonly onClose: () => void;
  readonly onWrite: (query: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const [queries, setQueries] = useState<MissedQuery[] | null>(null);
  const load = useCallback(() => {
    api.call('kb.missedQueries', { limit: 200 }).then(
      (value) => setQueries(value.queries),
      (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) }),
    );
  }, [api, errorMessage]);
  useEffect(load, [load]);

  const dismiss = async (query: string): Promise<void> => {
    try {
      await api.call('kb.dismissMissed', { query });
      load();
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('kb.missed.title')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Text size="xs" c="dimmed" mb="xs">
        {t('kb.missed.description')}
      </Text>
      {queries === null ? (
        <Loader size="sm" />
      ) : queries.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t('kb.missed.empty')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={460}>
          <Table striped data-testid="kb-missed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('kb.missed.query')}</Table.Th>
                <Table.Th ta="end">{t('kb.missed.count')}</Table.Th>
                <Table.Th>{t('kb.missed.last')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queries.map((q) => (
                <Table.Tr key={q.query}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="xs" fw={500}>
                        {q.query}
                      </Text>
                      <Badge size="xs" variant="light" color={q.partial ? 'yellow' : 'red'}>
                        {q.partial ? t('kb.missed.partial') : t('kb.missed.nothing')}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="end" className="tabular">
                    {q.count}
                  </Table.Td>
                  <Table.Td>{formatDateTime(i18n.language, new Date(q.lastAt))}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="compact-xs" variant="light" onClick={() => onWrite(q.query)}>
                        {t('kb.missed.write')}
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void dismiss(q.query)}>
                        {t('kb.missed.dismiss')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Modal>
  );
}
