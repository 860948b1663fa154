import { Box } from '@mantine/core';
import { IconWaveSine } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../shell/EmptyState';
import { PageHeader } from '../../shell/PageHeader';

export function QualityView() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('quality.title')} />
      <Box style={{ flex: 1 }}>
        <EmptyState icon={IconWaveSine} title={t('quality.empty')} hint={t('quality.emptyHint')} />
      </Box>
    </>
  );
}
