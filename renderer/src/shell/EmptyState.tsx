import { Stack, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

/** A calm placeholder that says what will appear here and why it is empty. */
export function EmptyState({ icon: IconComponent, title, hint }: { icon: Icon; title: string; hint: string }) {
  return (
    <Stack align="center" justify="center" gap={6} p="lg" h="100%" ta="center">
      <ThemeIcon variant="light" color="gray" size={40} radius="xl">
        <IconComponent size={22} stroke={1.5} />
      </ThemeIcon>
      <Text fw={600} size="sm">
        {title}
      </Text>
      <Text c="dimmed" size="xs" maw={320}>
        {hint}
      </Text>
    </Stack>
  );
}
