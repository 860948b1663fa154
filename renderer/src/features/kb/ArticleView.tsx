import { ActionIcon, Alert, Badge, Button, Group, Loader, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconArrowLeft,
  IconEdit,
  IconHistory,
  IconLink,
  IconLock,
  IconThumbUp,
  IconThumbUpFilled,
  IconWorld,
} from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import { articleUrl } from '../../../../shared/kb/excerpt';
import { editRefusal, canArchive } from '../../../../shared/kb/permissions';
import type { Article } from '../../../../shared/kb/types';
import { isApiError } from '../../../../shared/api/errors';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { KbMarkdown } from './KbMarkdown';
import { copyText, useKbPermissions } from './kb-hooks';

/** Loads an article and keeps it current (kb.changed); counts the open once per article shown. */
export function useArticle(id: string | null): { article: Article | null; missing: boolean } {
  const { api } = useApp();
  const [state, setState] = useState<{ id: string | null; article: Article | null; missing: boolean }>({
    id: null,
    article: null,
    missing: false,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (id === null) return;
    return api.on('kb.changed', (event) => {
      if (event.ids.includes(id)) setTick((n) => n + 1);
    });
  }, [api, id]);
  useEffect(() => {
    if (id === null) return;
    void api.call('kb.recordUse', { id, action: 'open' }).catch(() => undefined);
  }, [api, id]);
  useEffect(() => {
    if (id === null) return;
    let cancelled = false;
    api.call('kb.get', { id }).then(
      (article) => {
        if (!cancelled) setState({ id, article, missing: false });
      },
      (error: unknown) => {
        if (!cancelled && isApiError(error) && error.code === 'not_found')
          setState({ id, article: null, missing: true });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id, tick]);
  // Another article's answer is never shown for this one.
  return state.id === id ? { article: state.article, missing: state.missing } : { article: null, missing: false };
}

export function ArticleView({
  id,
  onBack,
  onEdit,
  onHistory,
  onOpenArticle,
  actions,
  compact = false,
}: {
  readonly id: string;
  readonly onBack?: () => void;
  readonly onEdit?: (article: Article) => void;
  readonly onHistory?: (article: Article) => void;
  readonly onOpenArticle: (id: string) => void;
  /** More buttons beside the vote (the pane's insert and copy). */
  readonly actions?: (article: Article) => ReactNode;
  readonly compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const permissions = useKbPermissions();
  const { settings } = useApp();
  const { article, missing } = useArticle(id);
  const [voting, setVoting] = useState(false);

  if (missing) {
    return (
      <Stack p="sm" gap="xs">
        {onBack && (
          <Button variant="subtle" leftSection={<IconArrowLeft size={14} />} onClick={onBack} w="fit-content">
            {t('kb.article.back')}
          </Button>
        )}
        <Alert color="gray">{t('kb.article.notFound')}</Alert>
      </Stack>
    );
  }
  if (article === null) {
    return (
      <Group justify="center" p="lg">
        <Loader size="sm" aria-label={t('common.loading')} />
      </Group>
    );
  }

  const role = settings.profile.role;
  const editable = editRefusal(role, permissions.me, article, article) === null;
  const archivable = canArchive(role, permissions.me, article);

  const vote = async (): Promise<void> => {
    setVoting(true);
    try {
      await api.call('kb.vote', { id: article.id, helpful: !article.votedHelpful });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setVoting(false);
    }
  };
  const archive = async (): Promise<void> => {
    if (!window.confirm(t('kb.article.archiveConfirm', { title: article.title }))) return;
    try {
      await api.call('kb.archive', { id: article.id });
      notifications.show({ color: 'green', message: t('kb.article.archived') });
      onBack?.();
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  };
  const copyLink = async (): Promise<void> => {
    const ok = await copyText(articleUrl(location.origin, article.id));
    notifications.show(
      ok ? { color: 'green', message: t('kb.article.linkCopied') } : { color: 'red', message: t('kb.pane.copyFailed') },
    );
  };

  return (
    <Stack gap={6} p={compact ? 'xs' : 'sm'} data-testid="kb-article" data-article-id={article.id}>
      <Group gap={4} wrap="nowrap" justify="space-between">
        {onBack ? (
          <Button variant="subtle" size="compact-xs" leftSection={<IconArrowLeft size={14} />} onClick={onBack}>
            {t('kb.article.back')}
          </Button>
        ) : (
          <span />
        )}
        <Group gap={2} wrap="nowrap">
          {article.audience === 'customer' && (
            <Tooltip label={t('kb.article.copyLink')}>
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t('kb.article.copyLink')}
                onClick={() => void copyLink()}
              >
                <IconLink size={14} />
              </ActionIcon>
            </Tooltip>
          )}
          {onHistory && (
            <Tooltip label={t('kb.article.history')}>
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t('kb.article.history')}
                onClick={() => onHistory(article)}
              >
                <IconHistory size={14} />
              </ActionIcon>
            </Tooltip>
          )}
          {onEdit && editable && (
            <Tooltip label={t('kb.article.edit')}>
              <ActionIcon variant="subtle" size="sm" aria-label={t('kb.article.edit')} onClick={() => onEdit(article)}>
                <IconEdit size={14} />
              </ActionIcon>
            </Tooltip>
          )}
          {onEdit && archivable && !compact && (
            <Tooltip label={t('kb.article.archive')}>
              <ActionIcon
                variant="subtle"
                size="sm"
                color="red"
                aria-label={t('kb.article.archive')}
                onClick={() => void archive()}
              >
                <IconArchive size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Title order={2} fz={compact ? 'sm' : 'lg'} lh={1.3}>
        {article.title}
      </Title>
      <Group gap={6}>
        <Badge
          size="xs"
          variant="light"
          color={article.audience === 'customer' ? 'teal' : 'gray'}
          leftSection={article.audience === 'customer' ? <IconWorld size={10} /> : <IconLock size={10} />}
        >
          {t(`kb.audience.${article.audience}`)}
        </Badge>
        <Badge size="xs" variant="outline" color="gray">
          {t(`kb.language.${article.language}`)}
        </Badge>
        {article.category && (
          <Text size="xs" c="dimmed">
            {article.category.split('/').join(' › ')}
          </Text>
        )}
        {article.tags.map((tag) => (
          <Badge key={tag} size="xs" variant="dot" color="slate">
            {tag}
          </Badge>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('kb.article.by', { author: article.author })} ·{' '}
        {t('kb.article.updated', { date: formatDateTime(i18n.language, new Date(article.updatedAt)) })} ·{' '}
        {t('kb.article.version', { version: article.version })}
      </Text>
      {article.audience === 'internal' && compact && (
        <Text size="xs" c="orange.8">
          {t('kb.article.internalNotice')}
        </Text>
      )}
      <KbMarkdown source={article.body} onOpenArticle={onOpenArticle} />
      <Group gap={6} mt={4}>
        <Button
          size="compact-xs"
          variant={article.votedHelpful ? 'light' : 'default'}
          leftSection={article.votedHelpful ? <IconThumbUpFilled size={13} /> : <IconThumbUp size={13} />}
          loading={voting}
          aria-pressed={article.votedHelpful}
          title={article.votedHelpful ? t('kb.article.unmarkHelpful') : t('kb.article.markHelpful')}
          onClick={() => void vote()}
          data-testid="kb-vote"
        >
          {t('kb.article.helpful', { count: article.helpful })}
        </Button>
        {actions?.(article)}
      </Group>
    </Stack>
  );
}
