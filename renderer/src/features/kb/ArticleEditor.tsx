import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategoryNode } from '../../../../shared/kb/types';
import { kbLanguages, type Article, type KbAudience, type KbLanguage } from '../../../../shared/kb/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { KbMarkdown } from './KbMarkdown';
import { useKbOverview, useKbPermissions, usePreferredLanguage } from './kb-hooks';

export interface EditorDraft {
  readonly title: string;
  readonly body: string;
  readonly category: string;
  readonly tags: string[];
  readonly language: KbLanguage;
  readonly audience: KbAudience;
}

function flatten(nodes: readonly CategoryNode[]): string[] {
  return nodes.flatMap((node) => [node.path, ...flatten(node.children)]);
}

/**
 * Create or edit an article, with a live preview rendered exactly as readers see it.
 * Ctrl/⌘+Enter saves. A save based on an older version than the stored one is refused by the
 * service (conflict) and said so, rather than overwriting a colleague's edit.
 */
export function ArticleEditor({
  article,
  initial,
  onSaved,
  onCancel,
}: {
  /** The article being edited; undefined for a new one. */
  readonly article?: Article;
  /** Prefill for a new article (a missed search's words as the title). */
  readonly initial?: Partial<EditorDraft>;
  readonly onSaved: (article: Article) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const permissions = useKbPermissions();
  const preferred = usePreferredLanguage();
  const { overview } = useKbOverview();
  const [draft, setDraft] = useState<EditorDraft>(() => ({
    title: article?.title ?? initial?.title ?? '',
    body: article?.body ?? initial?.body ?? '',
    category: article?.category ?? initial?.category ?? '',
    tags: article?.tags ?? initial?.tags ?? [],
    language: article?.language ?? initial?.language ?? preferred,
    audience: article?.audience ?? initial?.audience ?? 'internal',
  }));
  const [note, setNote] = useState('');
  const [view, setView] = useState<'write' | 'preview' | 'split'>('split');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | null>(null);
  const categories = useMemo(() => flatten(overview?.categories ?? []), [overview]);
  const tags = useMemo(() => (overview?.tags ?? []).map((tag) => tag.tag), [overview]);
  const set = <K extends keyof EditorDraft>(key: K, value: EditorDraft[K]): void =>
    setDraft((d) => ({ ...d, [key]: value }));

  const save = async (): Promise<void> => {
    if (draft.title.trim() === '') {
      setTitleError(t('kb.editor.titleRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api.call('kb.save', {
        ...(article ? { id: article.id, baseVersion: article.version } : {}),
        title: draft.title,
        body: draft.body,
        category: draft.category,
        tags: draft.tags,
        language: draft.language,
        audience: draft.audience,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      notifications.show({ color: 'green', message: t('kb.editor.saved') });
      onSaved(saved);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };
  const cancel = (): void => {
    const changed =
      draft.title !== (article?.title ?? initial?.title ?? '') || draft.body !== (article?.body ?? initial?.body ?? '');
    if (!changed || window.confirm(t('kb.editor.discardConfirm'))) onCancel();
  };
  useHotkeys([['mod+Enter', () => void save()]], []);

  const preview = (
    <Box
      p="xs"
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 4,
        overflow: 'auto',
        minHeight: 240,
      }}
      data-testid="kb-editor-preview"
    >
      {draft.body.trim() === '' ? (
        <Text size="xs" c="dimmed">
          {t('kb.editor.previewEmpty')}
        </Text>
      ) : (
        <KbMarkdown source={draft.body} />
      )}
    </Box>
  );

  return (
    <Stack gap="xs" p="sm" data-testid="kb-editor" style={{ minHeight: 0 }}>
      <Group justify="space-between">
        <Title order={2} fz="md">
          {article ? t('kb.editor.titleEdit') : t('kb.editor.titleNew')}
        </Title>
        <SegmentedControl
          value={view}
          onChange={(value) => setView(value as typeof view)}
          data={[
            { value: 'write', label: t('kb.editor.write') },
            { value: 'split', label: `${t('kb.editor.write')} + ${t('kb.editor.preview')}` },
            { value: 'preview', label: t('kb.editor.preview') },
          ]}
        />
      </Group>
      {error && (
        <Alert color="red" title={t('kb.editor.saveFailed')}>
          {error}
        </Alert>
      )}
      <TextInput
        label={t('kb.editor.fieldTitle')}
        value={draft.title}
        maxLength={200}
        required
        error={titleError}
        onChange={(event) => {
          setTitleError(null);
          set('title', event.currentTarget.value);
        }}
        data-autofocus
      />
      <Group grow align="flex-start">
        <Autocomplete
          size="xs"
          label={t('kb.editor.fieldCategory')}
          description={t('kb.editor.categoryHint')}
          data={categories}
          value={draft.category}
          maxLength={300}
          onChange={(value) => set('category', value)}
        />
        <TagsInput
          size="xs"
          label={t('kb.editor.fieldTags')}
          description={t('kb.editor.tagsHint')}
          data={tags}
          value={draft.tags}
          maxTags={20}
          onChange={(value) =>
            set('tags', value.map((tag) => tag.replace(/,/g, ' ').trim().slice(0, 40)).filter(Boolean))
          }
        />
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t('kb.editor.fieldLanguage')}
          data={kbLanguages.map((language) => ({ value: language, label: t(`kb.language.${language}`) }))}
          value={draft.language}
          allowDeselect={false}
          onChange={(value) => value && set('language', value as KbLanguage)}
        />
        <Stack gap={2}>
          <Text size="xs" fw={500}>
            {t('kb.editor.fieldAudience')}
          </Text>
          <SegmentedControl
            value={draft.audience}
            disabled={!permissions.canPublishCustomer}
            onChange={(value) => set('audience', value as KbAudience)}
            data={[
              { value: 'internal', label: t('kb.audience.internal') },
              { value: 'customer', label: t('kb.audience.customer') },
            ]}
          />
          {!permissions.canPublishCustomer && (
            <Text size="xs" c="dimmed">
              {t('kb.editor.audienceLocked')}
            </Text>
          )}
        </Stack>
      </Group>
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: view === 'split' ? '1fr 1fr' : '1fr',
          gap: 'var(--mantine-spacing-xs)',
          minHeight: 0,
        }}
      >
        {view !== 'preview' && (
          <Textarea
            label={t('kb.editor.fieldBody')}
            description={t('kb.editor.markdownHelp')}
            value={draft.body}
            autosize
            minRows={12}
            maxRows={30}
            maxLength={100_000}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            onChange={(event) => set('body', event.currentTarget.value)}
          />
        )}
        {view !== 'write' && (
          <Stack gap={2}>
            <Text size="xs" fw={500}>
              {t('kb.editor.preview')}
            </Text>
            {preview}
          </Stack>
        )}
      </Box>
      {article && (
        <TextInput
          label={t('kb.editor.fieldNote')}
          value={note}
          maxLength={200}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
      )}
      <Group gap="xs">
        <Button onClick={() => void save()} loading={saving} data-testid="kb-editor-save">
          {saving ? t('kb.editor.saving') : t('kb.editor.save')}
        </Button>
        <Button variant="default" onClick={cancel}>
          {t('kb.editor.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
