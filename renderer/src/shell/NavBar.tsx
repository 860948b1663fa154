import { Group, NavLink, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { sections, type SectionId } from './sections';
import { keyLabels } from './shortcuts';

export function NavBar({ current, onNavigate }: { current: SectionId; onNavigate: (id: SectionId) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0} h="100%">
      <Group px="sm" h={40} gap={6}>
        <img src="/icon.svg" alt="" width={18} height={18} />
        <Text fw={700} size="sm">
          {t('app.name')}
        </Text>
      </Group>
      <nav aria-label={t('nav.label')}>
        {sections.map((section) => (
          <Tooltip key={section.id} label={keyLabels(section.hotkey).join('+')} position="right" openDelay={600}>
            <NavLink
              component="a"
              href={`#/${section.path}`}
              data-section={section.id}
              active={current === section.id}
              aria-current={current === section.id ? 'page' : undefined}
              label={t(`nav.${section.id}`)}
              leftSection={<section.icon size={16} stroke={1.6} />}
              onClick={(event) => {
                event.preventDefault();
                onNavigate(section.id);
              }}
              py={6}
            />
          </Tooltip>
        ))}
      </nav>
    </Stack>
  );
}
