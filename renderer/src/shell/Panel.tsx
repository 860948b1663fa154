import { Box, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled pane of a multi-column view; the body scrolls, the title stays. */
export function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Box
      data-testid={testId}
      style={{
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        minWidth: 0,
        borderInlineEnd: '1px solid var(--mantine-color-default-border)',
      }}
    >
      <Group h={32} px="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flexShrink: 0 }}>
        <Text size="xs" fw={600} tt="uppercase" c="dimmed">
          {title}
        </Text>
      </Group>
      <Box style={{ flex: 1, overflow: 'auto' }}>{children}</Box>
    </Box>
  );
}
