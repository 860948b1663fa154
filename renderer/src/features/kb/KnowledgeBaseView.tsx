import { Box, TextInput } from '@mantine/core';
import { IconBook2, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../shell/EmptyState';
import { PageHeader } from '../../shell/PageHeader';

export function KnowledgeBaseView() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('kb.title')}>
        <TextInput
          w={320}
          leftSection={<IconSearch size={14} />}
          placeholder={t('kb.searchPlaceholder')}
          aria-label={t('kb.searchPlaceholder')}
          disabled
        />
      </PageHeader>
      <Box style={{ flex: 1 }}>
        <EmptyState icon={IconBook2} title={t('kb.empty')} hint={t('kb.emptyHint')} />
      </Box>
    </>
  );
}
