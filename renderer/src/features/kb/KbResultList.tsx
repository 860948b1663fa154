import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconThumbUp, IconWorld } from '@tabler/icons-react';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../../shared/kb/types';
import { HighlightedText } from './KbMarkdown';

/**
 * Arrow keys and Enter in a search field drive the result list below it: the field keeps
 * the focus (the agent goes on typing), the list shows which result is active.
 */
export function resultKeyHandler(
  count: number,
  active: number,
  setActive: (index: number) => void,
  open: (index: number) => void,
): (event: KeyboardEvent<HTMLElement>) => void {
  return (event) => {
    if (count === 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(Math.min(count - 1, active + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(0, active - 1));
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      // isComposing: Enter that confirms a Chinese IME candidate must not open an article.
      event.preventDefault();
      open(Math.max(0, active));
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(0);
    } else if (event.key === 'End' && event.ctrlKey) {
      setActive(count - 1);
    }
  };
}

export function KbResultList({
  hits,
  active,
  onActivate,
  onOpen,
  id,
  compact = false,
  actions,
}: {
  readonly hits: readonly SearchHit[];
  readonly active: number;
  readonly onActivate: (index: number) => void;
  readonly onOpen: (hit: SearchHit) => void;
  /** The listbox id, for the search field's aria-controls / aria-activedescendant. */
  readonly id: string;
  readonly compact?: boolean;
  /** Extra buttons per result (the pane's insert). */
  readonly actions?: (hit: SearchHit) => ReactNode;
}) {
  const { t } = useTranslation();
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <Stack gap={0} ref={list} role="listbox" id={id} aria-label={t('kb.results', { count: hits.length })}>
      {hits.map((hit, index) => (
        <Group
          key={hit.article.id}
          className="kb-result"
          data-active={index === active}
          data-index={index}
          data-testid="kb-result"
          data-article-id={hit.article.id}
          gap={4}
          wrap="nowrap"
          align="flex-start"
          px="xs"
          py={compact ? 4 : 6}
          style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
          onMouseEnter={() => onActivate(index)}
        >
          <UnstyledButton
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === active}
            tabIndex={-1}
            style={{ flex: 1, minWidth: 0 }}
            onClick={() => onOpen(hit)}
          >
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={600} truncate style={{ flex: 1, minWidth: 0 }}>
                <HighlightedText value={hit.title} />
              </Text>
              <Badge size="xs" variant="light" color="gray" title={t(`kb.language.${hit.article.language}`)}>
                {t(`kb.languageShort.${hit.article.language}`)}
              </Badge>
              {hit.article.audience === 'customer' && (
                <IconWorld size={13} aria-label={t('kb.audience.customer')} color="var(--mantine-color-teal-6)" />
              )}
            </Group>
            {hit.snippet.text && (
              <Text size="xs" c="dimmed" lineClamp={compact ? 2 : 3}>
                <HighlightedText value={hit.snippet} />
              </Text>
            )}
            <Group gap={8} mt={2}>
              {hit.article.category && (
                <Text size="xs" c="dimmed" truncate maw={220}>
                  {hit.article.category.split('/').join(' › ')}
                </Text>
              )}
              {hit.article.helpful > 0 && (
                <Group gap={2} c="dimmed">
                  <IconThumbUp size={11} aria-hidden />
                  <Text size="xs">{hit.article.helpful}</Text>
                </Group>
              )}
            </Group>
          </UnstyledButton>
          {actions?.(hit)}
        </Group>
      ))}
    </Stack>
  );
}
