import { ActionIcon, Box, Group, Kbd, Loader, ScrollArea, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconExternalLink, IconLink, IconQuote, IconSearch, IconSparkles, IconX } from '@tabler/icons-react';
import { useEffect, useEffectEvent, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { articleLinkText, excerptOf } from '../../../../shared/kb/excerpt';
import type { Article, SearchHit } from '../../../../shared/kb/types';
import { useApp } from '../../app/AppContext';
import { keyLabels } from '../../shell/shortcuts';
import { ArticleView } from './ArticleView';
import { KbResultList, resultKeyHandler } from './KbResultList';
import { copyText, focusShortcut, useKbSearch, useKbSuggestions } from './kb-hooks';
import './kb.css';

export interface KbPaneProps {
  /** What the conversation is about now: the customer's last chat message, a ticket subject. Suggestions are searched from it. */
  readonly contextText?: string | undefined;
  /** The queue's name, a further hint for suggestions. */
  readonly queue?: string | undefined;
  /** Present where there is a reply box: insert a link or an excerpt into it. */
  readonly onInsert?: ((text: string) => void) | undefined;
}

const focusEvent = 'seatdesk:kb-pane-focus';
let focusRequested = false;

/**
 * For a host that mounts the pane lazily (a tab with keepMounted={false}): its own
 * Ctrl/⌘+Shift+K handler shows the pane, then calls this; the pane focuses its search field as
 * it mounts, or at once when it is already mounted.
 */
export function requestKbPaneFocus(): void {
  focusRequested = true;
  window.dispatchEvent(new Event(focusEvent));
}

/** The text of the article the agent selected, if the selection lies inside the article body. */
function selectedTextIn(container: HTMLElement | null): string | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || container === null) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.commonAncestorContainer)) return null;
  const text = selection.toString().trim();
  return text.length > 0 ? text.slice(0, 2000) : null;
}

/**
 * The knowledge base beside a conversation: suggestions from what the customer just said
 * (and the queue), search as the agent types (arrow keys and Enter in the field), the article
 * in place, and from there: insert the link to a customer-facing article or an excerpt into
 * the reply, copy an excerpt, vote it helpful. Ctrl/⌘+Shift+K focuses the search field.
 *
 * The shortcut is bound here (useHotkeys) rather than in shell/shortcuts.ts: the shell's list
 * has no action kind for "focus a pane", and adding one changes the shell's own files.
 */
export function KbPane({ contextText, queue, onInsert }: KbPaneProps) {
  const { t } = useTranslation();
  const { api } = useApp();
  const listId = useId().replace(/:/g, '');
  const search = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  // The highlighted result; back to the first whenever the list is for something else.
  const listKey = JSON.stringify([query, contextText, queue]);
  const [selection, setSelection] = useState({ key: listKey, index: 0 });
  const active = selection.key === listKey ? selection.index : 0;
  const setActive = (index: number): void => setSelection({ key: listKey, index });
  const [openId, setOpenId] = useState<string | null>(null);
  const typing = query.trim().length > 0;
  const searched = useKbSearch(query, { limit: 10, enabled: typing });
  const suggested = useKbSuggestions(contextText, queue, 5);
  const state = typing ? searched : suggested;
  const hits = useMemo(
    () => (typing ? (searched.response?.hits ?? []) : (suggested.response?.hits ?? [])),
    [typing, searched, suggested],
  );

  const focusSearch = (): void => {
    focusRequested = false;
    setOpenId(null);
    search.current?.focus();
    search.current?.select();
  };
  useHotkeys([[focusShortcut, focusSearch]], []);
  const onFocusRequest = useEffectEvent(focusSearch);
  useEffect(() => {
    if (focusRequested) {
      // Just mounted: nothing is open yet, only the field needs the focus.
      focusRequested = false;
      search.current?.focus();
    }
    const listener = (): void => onFocusRequest();
    window.addEventListener(focusEvent, listener);
    return () => window.removeEventListener(focusEvent, listener);
  }, []);

  const notify = (message: string, ok = true): void => {
    notifications.show({ color: ok ? 'green' : 'red', message, autoClose: 2000 });
  };
  const record = (id: string, action: 'insertLink' | 'insertExcerpt' | 'copy'): void => {
    void api.call('kb.recordUse', { id, action }).catch(() => undefined);
  };
  const insertLink = (article: { id: string; title: string }): void => {
    onInsert?.(articleLinkText(article.title, location.origin, article.id));
    record(article.id, 'insertLink');
    notify(t('kb.pane.inserted'));
  };
  const excerptFor = (article: Article): string => selectedTextIn(body.current) ?? excerptOf(article.body);
  const insertExcerpt = (article: Article): void => {
    onInsert?.(excerptFor(article));
    record(article.id, 'insertExcerpt');
    notify(t('kb.pane.inserted'));
  };
  const copyExcerpt = async (article: Article): Promise<void> => {
    const ok = await copyText(excerptFor(article));
    if (ok) record(article.id, 'copy');
    notify(ok ? t('kb.pane.excerptCopied') : t('kb.pane.copyFailed'), ok);
  };

  const hitActions = (hit: SearchHit) =>
    onInsert && hit.article.audience === 'customer' ? (
      <Tooltip label={t('kb.pane.insertLinkHint')}>
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-label={t('kb.pane.insertLink')}
          onClick={() => insertLink(hit.article)}
          data-testid="kb-insert-link"
        >
          <IconLink size={14} />
        </ActionIcon>
      </Tooltip>
    ) : null;

  const articleActions = (article: Article) => (
    <>
      {onInsert && article.audience === 'customer' && (
        <>
          <Tooltip label={t('kb.pane.insertLinkHint')}>
            <ActionIcon
              variant="light"
              size="sm"
              aria-label={t('kb.pane.insertLink')}
              onClick={() => insertLink(article)}
              data-testid="kb-insert-link"
            >
              <IconLink size={14} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('kb.pane.insertExcerpt')}>
            <ActionIcon
              variant="light"
              size="sm"
              aria-label={t('kb.pane.insertExcerpt')}
              onClick={() => insertExcerpt(article)}
              data-testid="kb-insert-excerpt"
            >
              <IconQuote size={14} />
            </ActionIcon>
          </Tooltip>
        </>
      )}
      <Tooltip label={t('kb.pane.copyExcerpt')}>
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-label={t('kb.pane.copyExcerpt')}
          onClick={() => void copyExcerpt(article)}
        >
          <IconCopy size={14} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('kb.article.openFull')}>
        <ActionIcon
          variant="subtle"
          size="sm"
          component="a"
          href={`#/kb/${article.id}`}
          aria-label={t('kb.article.openFull')}
        >
          <IconExternalLink size={14} />
        </ActionIcon>
      </Tooltip>
      {onInsert && article.audience === 'internal' && (
        <Text size="xs" c="dimmed">
          {t('kb.pane.customerOnly')}
        </Text>
      )}
    </>
  );

  return (
    <Stack gap={0} h="100%" style={{ minHeight: 0 }} data-testid="kb-pane">
      <Box p={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flexShrink: 0 }}>
        <TextInput
          ref={search}
          size="xs"
          leftSection={<IconSearch size={12} />}
          rightSection={
            query ? (
              <ActionIcon
                size="xs"
                variant="transparent"
                aria-label={t('kb.filters.clear')}
                onClick={() => setQuery('')}
              >
                <IconX size={12} />
              </ActionIcon>
            ) : (
              <Group gap={1} wrap="nowrap" aria-hidden>
                {keyLabels(focusShortcut).map((key) => (
                  <Kbd key={key} size="xs" fz={9}>
                    {key}
                  </Kbd>
                ))}
              </Group>
            )
          }
          rightSectionWidth={query ? 24 : 96}
          placeholder={t('kb.pane.searchPlaceholder')}
          aria-label={t('kb.pane.searchPlaceholder')}
          role="combobox"
          aria-expanded={hits.length > 0 && openId === null}
          aria-controls={listId}
          aria-activedescendant={hits.length > 0 && openId === null ? `${listId}-${active}` : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setOpenId(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              if (openId !== null) setOpenId(null);
              else setQuery('');
              return;
            }
            resultKeyHandler(hits.length, active, setActive, (i) => {
              const hit = hits[i];
              if (hit) setOpenId(hit.article.id);
            })(event);
          }}
          data-testid="kb-pane-search"
        />
      </Box>
      <ScrollArea style={{ flex: 1 }} type="auto" viewportRef={body}>
        {openId !== null ? (
          <ArticleView
            id={openId}
            compact
            onBack={() => {
              setOpenId(null);
              search.current?.focus();
            }}
            onOpenArticle={setOpenId}
            actions={articleActions}
          />
        ) : (
          <>
            {!typing && (
              <Group gap={4} px="xs" py={4}>
                <IconSparkles size={12} color="var(--mantine-color-dimmed)" aria-hidden />
                <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                  {t('kb.pane.suggestions')}
                </Text>
                {state.loading && <Loader size={10} />}
              </Group>
            )}
            {typing && searched.response?.relaxed && (
              <Text size="xs" c="orange.8" px="xs" py={4}>
                {t('kb.relaxed')}
              </Text>
            )}
            {!state.loading && hits.length === 0 && (
              <Text size="xs" c="dimmed" ta="center" p="sm">
                {typing ? t('kb.noResults', { query: query.trim() }) : t('kb.pane.noSuggestions')}
              </Text>
            )}
            <KbResultList
              id={listId}
              hits={hits}
              active={active}
              compact
              onActivate={setActive}
              onOpen={(hit) => setOpenId(hit.article.id)}
              actions={hitActions}
            />
          </>
        )}
      </ScrollArea>
    </Stack>
  );
}
