import { Box, Group, Stack, Text, Title } from '@mantine/core';
import { IconPresentationAnalytics } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../../shared/format';
import { useNow } from '../../hooks/useNow';

/** Always dark: it hangs on a wall, read from across the room. */
export function WallboardView() {
  const { t, i18n } = useTranslation();
  const now = useNow();
  return (
    <Box
      data-mantine-color-scheme="dark"
      bg="dark.8"
      c="gray.0"
      style={{ flex: 1, display: 'flex', flexDirection: 'column' }}
    >
      <Group justify="space-between" px="lg" h={48}>
        <Title order={1} fz="lg" c="gray.0">
          {t('wallboard.title')}
        </Title>
        <Text size="sm" c="gray.4" className="tabular">
          {formatTime(i18n.language, now)}
        </Text>
      </Group>
      <Stack align="center" justify="center" style={{ flex: 1 }} gap={8}>
        <IconPresentationAnalytics size={48} stroke={1.2} color="var(--mantine-color-gray-5)" />
        <Text fz={28} fw={600}>
          {t('wallboard.empty')}
        </Text>
        <Text c="gray.5" maw={520} ta="center">
          {t('wallboard.emptyHint')}
        </Text>
      </Stack>
    </Box>
  );
}
