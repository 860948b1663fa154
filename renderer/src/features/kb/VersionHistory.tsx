import { Badge, Button, Group, Loader, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import { editRefusal } from '../../../../shared/kb/permissions';
import type { Article, ArticleVersion, ArticleVersionSummary } from '../../../../shared/kb/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { KbMarkdown } from './KbMarkdown';
import { useKbPermissions } from './kb-hooks';

/** Every saved version of an article: who saved it and when, its text, and restoring one. */
export function VersionHistory({ article, onClose }: { readonly article: Article; readonly onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const errorMessage = useErrorMessage();
  const permissions = useKbPermissions();
  const [versions, setVersions] = useState<ArticleVersionSummary[] | null>(null);
  const [shown, setShown] = useState<ArticleVersion | null>(null);
  const editable = editRefusal(settings.profile.role, permissions.me, article, article) === null;

  useEffect(() => {
    api.call('kb.history', { id: article.id }).then(
      (value) => setVersions(value.versions),
      (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) }),
    );
  }, [api, article.id, article.version, errorMessage]);

  const show = async (version: number): Promise<void> => {
    try {
      setShown(await api.call('kb.version', { id: article.id, version }));
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  };
  const restore = async (version: ArticleVersion): Promise<void> => {
    try {
      await api.call('kb.save', {
        id: article.id,
        baseVersion: article.version,
        title: version.title,
        body: version.body,
        category: version.category,
        tags: version.tags,
        language: version.language,
        audience: version.audience,
        note: t('kb.history.restoreNote', { version: version.version }),
      });
      notifications.show({ color: 'green', message: t('kb.history.restored', { version: version.version }) });
      onClose();
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={`${t('kb.history.title')}: ${article.title}`}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <ScrollArea h={420} w={260} type="auto">
          {versions === null ? (
            <Loader size="sm" />
          ) : versions.length <= 1 ? (
            <Text size="xs" c="dimmed">
              {t('kb.history.empty')}
            </Text>
          ) : null}
          <Stack gap={2}>
            {versions?.map((v) => (
              <Button
                key={v.version}
                variant={shown?.version === v.version ? 'light' : 'subtle'}
                justify="flex-start"
                h="auto"
                py={4}
                onClick={() => void show(v.version)}
              >
                <Stack gap={0} align="flex-start">
                  <Group gap={4}>
                    <Text size="xs" fw={600}>
                      {t('kb.article.version', { version: v.version })}
                    </Text>
                    {v.version === article.version && (
                      <Badge size="xs" variant="light">
                        {t('kb.history.current')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('kb.history.by', { author: v.author, date: formatDateTime(i18n.language, new Date(v.savedAt)) })}
                  </Text>
                  {v.note && (
                    <Text size="xs" c="dimmed" lineClamp={2} ta="start">
                      {v.note}
                    </Text>
                  )}
                </Stack>
              </Button>
            ))}
          </Stack>
        </ScrollArea>
        <ScrollArea h={420} style={{ flex: 1 }} type="auto">
          {shown && (
            <Stack gap={6}>
              <Group justify="space-between">
                <Text fw={600} size="sm">
                  {shown.title}
                </Text>
                {editable && shown.version !== article.version && (
                  <Button size="compact-xs" onClick={() => void restore(shown)}>
                    {t('kb.history.restore')}
                  </Button>
                )}
              </Group>
              <KbMarkdown source={shown.body} />
            </Stack>
          )}
        </ScrollArea>
      </Group>
    </Modal>
  );
}
