import {
  Alert,
  Box,
  Button,
  Group,
  Kbd,
  Loader,
  NavLink,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBook2, IconFileImport, IconPlus, IconSearch, IconSearchOff, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kbLanguages, type Article, type CategoryNode, type SearchFilters } from '../../../../shared/kb/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { EmptyState } from '../../shell/EmptyState';
import { PageHeader } from '../../shell/PageHeader';
import { keyLabels } from '../../shell/shortcuts';
import { ArticleEditor, type EditorDraft } from './ArticleEditor';
import { ArticleView } from './ArticleView';
import { ImportPanel } from './ImportPanel';
import { KbResultList, resultKeyHandler } from './KbResultList';
import { MissedQueries } from './MissedQueries';
import { VersionHistory } from './VersionHistory';
import { focusShortcut, useKbOverview, useKbPermissions, useKbSearch } from './kb-hooks';
import './kb.css';

const border = '1px solid var(--mantine-color-default-border)';

/** `#/kb/<article-id>` opens an article (the pane's "open in the knowledge base" links here). */
function articleFromHash(): string | null {
  const match = /^#\/kb\/([a-z0-9-]+)/.exec(location.hash);
  return match?.[1] ?? null;
}

function CategoryTree({
  nodes,
  selected,
  onSelect,
}: {
  readonly nodes: readonly CategoryNode[];
  readonly selected: string | undefined;
  readonly onSelect: (path: string) => void;
}) {
  return (
    <>
      {nodes.map((node) => (
        <NavLink
          key={node.path}
          label={node.name}
          rightSection={
            <Text size="xs" c="dimmed">
              {node.count}
            </Text>
          }
          active={selected === node.path}
          defaultOpened={selected?.startsWith(node.path) ?? false}
          onClick={() => onSelect(node.path)}
          py={3}
          styles={{ label: { fontSize: 'var(--mantine-font-size-xs)' } }}
          childrenOffset={12}
        >
          {node.children.length > 0 ? (
            <CategoryTree nodes={node.children} selected={selected} onSelect={onSelect} />
          ) : undefined}
        </NavLink>
      ))}
    </>
  );
}

type Pane =
  | { readonly kind: 'none' }
  | { readonly kind: 'article'; readonly id: string }
  | { readonly kind: 'edit'; readonly article: Article }
  | { readonly kind: 'new'; readonly initial?: Partial<EditorDraft> };

/**
 * The knowledge-base section: search with results as you type, filters (category tree,
 * language, audience, tag), the article, the editor with preview and history, and for KB
 * editors the import and the searches that found nothing.
 */
export function KnowledgeBaseView() {
  const { t } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const permissions = useKbPermissions();
  const { overview } = useKbOverview();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<SearchFilters>({});
  // The highlighted result; back to the first whenever the list is for something else.
  const listKey = JSON.stringify([query, filters]);
  const [selection, setSelection] = useState({ key: listKey, index: 0 });
  const active = selection.key === listKey ? selection.index : 0;
  const setActive = (index: number): void => setSelection({ key: listKey, index });
  const [pane, setPane] = useState<Pane>(() => {
    const id = articleFromHash();
    return id ? { kind: 'article', id } : { kind: 'none' };
  });
  const [historyOf, setHistoryOf] = useState<Article | null>(null);
  const [dialog, setDialog] = useState<'import' | 'missed' | null>(null);
  const [seeding, setSeeding] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const { response, loading, error } = useKbSearch(query, { filters, limit: 30 });
  const hits = useMemo(() => response?.hits ?? [], [response]);

  useHotkeys([[focusShortcut, () => search.current?.focus()]], []);
  useEffect(() => {
    const onHash = (): void => {
      const id = articleFromHash();
      if (id) setPane({ kind: 'article', id });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const open = (id: string): void => {
    setPane({ kind: 'article', id });
    replaceHash(`#/kb/${id}`);
  };
  const setFilter = <K extends keyof SearchFilters>(key: K, value: SearchFilters[K] | undefined): void =>
    setFilters((current) => {
      const next = { ...current };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
  const seed = async (): Promise<void> => {
    setSeeding(true);
    try {
      const { imported } = await api.call('kb.seedSample', {});
      notifications.show({ color: 'green', message: t('kb.sampleLoaded', { count: imported }) });
    } catch (caught) {
      notifications.show({ color: 'red', message: errorMessage(caught) });
    } finally {
      setSeeding(false);
    }
  };

  const hasFilters = Object.keys(filters).length > 0;
  const emptyKb = overview !== null && overview.total === 0;
  const tagOptions = useMemo(
    () => (overview?.tags ?? []).map((tag) => ({ value: tag.tag, label: `${tag.tag} (${tag.count})` })),
    [overview],
  );

  return (
    <>
      <PageHeader title={t('kb.title')}>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            ref={search}
            w={380}
            leftSection={<IconSearch size={14} />}
            rightSection={
              query ? (
                <IconX
                  size={12}
                  style={{ cursor: 'pointer' }}
                  aria-label={t('kb.filters.clear')}
                  onClick={() => setQuery('')}
                />
              ) : (
                <Group gap={1} wrap="nowrap">
                  {keyLabels(focusShortcut).map((key) => (
                    <Kbd key={key} size="xs">
                      {key}
                    </Kbd>
                  ))}
                </Group>
              )
            }
            rightSectionWidth={query ? 28 : 104}
            placeholder={t('kb.searchPlaceholder')}
            aria-label={t('kb.searchPlaceholder')}
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls="kb-results"
            aria-activedescendant={hits.length > 0 ? `kb-results-${active}` : undefined}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={resultKeyHandler(hits.length, active, setActive, (i) => {
              const hit = hits[i];
              if (hit) open(hit.article.id);
            })}
            data-testid="kb-search"
          />
          <Button leftSection={<IconPlus size={14} />} onClick={() => setPane({ kind: 'new' })} data-testid="kb-new">
            {t('kb.newArticle')}
          </Button>
          {permissions.canImport && (
            <Button variant="default" leftSection={<IconFileImport size={14} />} onClick={() => setDialog('import')}>
              {t('kb.import')}
            </Button>
          )}
          {permissions.canManageMissed && (
            <Button
              variant="default"
              leftSection={<IconSearchOff size={14} />}
              onClick={() => setDialog('missed')}
              data-testid="kb-missed-open"
            >
              {t('kb.missedQueries')}
            </Button>
          )}
        </Group>
      </PageHeader>
      {emptyKb && pane.kind === 'none' ? (
        <Stack style={{ flex: 1 }} align="center" justify="center" gap="sm">
          <Box h={180}>
            <EmptyState icon={IconBook2} title={t('kb.empty')} hint={t('kb.emptyHint')} />
          </Box>
          {permissions.canImport && (
            <Button variant="light" loading={seeding} onClick={() => void seed()} data-testid="kb-seed">
              {t('kb.loadSample')}
            </Button>
          )}
        </Stack>
      ) : (
        <Box
          style={{
            flex: 1,
            minHeight: 0,
            display: 'grid',
            gridTemplateColumns: '200px minmax(300px, 1fr) minmax(360px, 1.4fr)',
          }}
        >
          <ScrollArea style={{ borderInlineEnd: border }} p="xs" data-testid="kb-filters">
            <Stack gap="xs">
              <Box>
                <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={2}>
                  {t('kb.filters.category')}
                </Text>
                <NavLink
                  label={t('kb.filters.allCategories')}
                  active={filters.category === undefined}
                  onClick={() => setFilter('category', undefined)}
                  py={3}
                  styles={{ label: { fontSize: 'var(--mantine-font-size-xs)' } }}
                  rightSection={
                    <Text size="xs" c="dimmed">
                      {overview?.total ?? ''}
                    </Text>
                  }
                />
                <CategoryTree
                  nodes={overview?.categories ?? []}
                  selected={filters.category}
                  onSelect={(path) => setFilter('category', path)}
                />
              </Box>
              <Select
                label={t('kb.filters.language')}
                placeholder={t('kb.filters.anyLanguage')}
                data={kbLanguages.map((language) => ({
                  value: language,
                  label: `${t(`kb.language.${language}`)} (${overview?.byLanguage[language] ?? 0})`,
                }))}
                value={filters.language ?? null}
                clearable
                onChange={(value) => setFilter('language', (value ?? undefined) as SearchFilters['language'])}
              />
              <Stack gap={2}>
                <Text size="xs" fw={500}>
                  {t('kb.filters.audience')}
                </Text>
                <SegmentedControl
                  fullWidth
                  orientation="vertical"
                  value={filters.audience ?? 'any'}
                  onChange={(value) =>
                    setFilter('audience', value === 'any' ? undefined : (value as SearchFilters['audience']))
                  }
                  data={[
                    { value: 'any', label: t('kb.filters.anyAudience') },
                    { value: 'customer', label: t('kb.audience.customer') },
                    { value: 'internal', label: t('kb.audience.internal') },
                  ]}
                />
              </Stack>
              <Select
                label={t('kb.filters.tag')}
                placeholder={t('kb.filters.anyTag')}
                data={tagOptions}
                value={filters.tag ?? null}
                searchable
                clearable
                onChange={(value) => setFilter('tag', value ?? undefined)}
              />
              {hasFilters && (
                <Button variant="subtle" size="compact-xs" onClick={() => setFilters({})}>
                  {t('kb.filters.clear')}
                </Button>
              )}
            </Stack>
          </ScrollArea>
          <Box style={{ display: 'flex', flexDirection: 'column', minHeight: 0, borderInlineEnd: border }}>
            <Group h={28} px="xs" justify="space-between" style={{ borderBottom: border, flexShrink: 0 }}>
              <Text size="xs" c="dimmed" aria-live="polite">
                {t('kb.results', { count: hits.length })}
              </Text>
              {loading && <Loader size={12} />}
            </Group>
            <ScrollArea style={{ flex: 1 }} type="auto">
              {error !== null && (
                <Alert color="red" m="xs" title={t('kb.loadFailed')}>
                  {errorMessage(error)}
                </Alert>
              )}
              {response?.relaxed && (
                <Text size="xs" c="orange.8" px="xs" py={4}>
                  {t('kb.relaxed')}
                </Text>
              )}
              {response !== null && hits.length === 0 && query.trim() !== '' && (
                <Stack gap={2} p="md" ta="center">
                  <Text size="sm">{t('kb.noResults', { query: query.trim() })}</Text>
                  <Text size="xs" c="dimmed">
                    {t('kb.noResultsHint')}
                  </Text>
                </Stack>
              )}
              <KbResultList
                id="kb-results"
                hits={hits}
                active={active}
                onActivate={setActive}
                onOpen={(hit) => open(hit.article.id)}
              />
              {response?.more && (
                <Text size="xs" c="dimmed" p="xs">
                  {t('kb.moreResults')}
                </Text>
              )}
            </ScrollArea>
          </Box>
          <ScrollArea type="auto" data-testid="kb-detail">
            {pane.kind === 'article' && (
              <ArticleView
                id={pane.id}
                onOpenArticle={open}
                onEdit={(article) => setPane({ kind: 'edit', article })}
                onHistory={setHistoryOf}
                onBack={() => {
                  setPane({ kind: 'none' });
                  replaceHash('#/kb');
                }}
              />
            )}
            {pane.kind === 'edit' && (
              <ArticleEditor
                key={`${pane.article.id}@${pane.article.version}`}
                article={pane.article}
                onSaved={(article) => open(article.id)}
                onCancel={() => open(pane.article.id)}
              />
            )}
            {pane.kind === 'new' && (
              <ArticleEditor
                initial={pane.initial}
                onSaved={(article) => open(article.id)}
                onCancel={() => setPane({ kind: 'none' })}
              />
            )}
            {pane.kind === 'none' && (
              <Box h={240}>
                <EmptyState icon={IconBook2} title={t('kb.title')} hint={t('kb.browseHint')} />
              </Box>
            )}
          </ScrollArea>
        </Box>
      )}
      {historyOf && <VersionHistory article={historyOf} onClose={() => setHistoryOf(null)} />}
      {dialog === 'import' && <ImportPanel onClose={() => setDialog(null)} />}
      {dialog === 'missed' && (
        <MissedQueries
          onClose={() => setDialog(null)}
          onWrite={(missed) => {
            setDialog(null);
            setPane({ kind: 'new', initial: { title: missed } });
          }}
        />
      )}
    </>
  );
}

/** Keeps the address in step with the open article without adding history entries per click. */
function replaceHash(hash: string): void {
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}
