import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../../shared/assert';
import { queueKeys } from '../features/workspace/queue-logic';
import { keyLabels, shortcuts, type Shortcut } from './shortcuts';

/** The Workspace queue's own single-letter keys: local to the list, so not in the global list. */
const queueKeyLabel = {
  next: 'workspace.keys.next',
  previous: 'workspace.keys.previous',
  open: 'workspace.keys.openItem',
  accept: 'workspace.keys.acceptOffer',
  decline: 'workspace.keys.declineOffer',
  knowledgeBase: 'workspace.keys.knowledgeBase',
} as const satisfies Record<(typeof queueKeys)[number]['action'], string>;

function useShortcutLabel(): (shortcut: Shortcut) => string {
  const { t } = useTranslation();
  return (shortcut) => {
    const { action } = shortcut;
    switch (action.kind) {
      case 'palette':
        return t('shortcuts.palette');
      case 'help':
        return t('shortcuts.openHelp');
      case 'toggleTheme':
        return t('shortcuts.toggleTheme');
      case 'goTo':
        return t('shortcuts.goTo', { section: t(`nav.${action.section}`) });
      case 'phone':
        return t(
          `shortcuts.phone${action.command[0]?.toUpperCase()}${action.command.slice(1)}` as 'shortcuts.phoneAnswer',
        );
      default:
        return assertNever(action, 'shortcut');
    }
  };
}

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useShortcutLabel();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('shortcuts.title')}
      size="md"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Table striped withRowBorders={false} data-testid="shortcuts-table">
        <Table.Tbody>
          {shortcuts.map((shortcut) => (
            <Table.Tr key={shortcut.id}>
              <Table.Td>{label(shortcut)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {keyLabels(shortcut.keys).map((key) => (
                    <Kbd key={key} size="xs">
                      {key}
                    </Kbd>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" fw={600} tt="uppercase" c="dimmed" mt="md" mb={4}>
        {t('workspace.keys.title')}
      </Text>
      <Table striped withRowBorders={false} data-testid="queue-shortcuts-table">
        <Table.Tbody>
          {queueKeys.map((entry) => (
            <Table.Tr key={entry.action}>
              <Table.Td>{t(queueKeyLabel[entry.action])}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {keyLabels(entry.keys.join('+')).map((key) => (
                    <Kbd key={key} size="xs">
                      {key}
                    </Kbd>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
