import {
  Button,
  Card,
  Group,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKeyboard } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import { localeNames, matchLocale, supportedLocales } from '../../../../shared/i18n/locales';
import { roles, type Role } from '../../../../shared/domain/roles';
import { settingsSchema, themes, type Settings, type SettingsPatch, type Theme } from '../../../../shared/settings';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';
import { dropLocaleQuery, resolveLocale } from '../../i18n/i18n';
import { PageHeader } from '../../shell/PageHeader';
import { AudioDevicesCard } from './AudioDevicesCard';
import { PhoneAccountCard } from './PhoneAccountCard';
import { TrainingModeCard } from './TrainingModeCard';
import { WallboardTokensCard } from './WallboardTokensCard';

function SettingsCard({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card withBorder padding="sm" radius="sm">
      <Title order={2} fz="sm" mb={description ? 2 : 'xs'}>
        {title}
      </Title>
      {description && (
        <Text size="xs" c="dimmed" mb="xs">
          {description}
        </Text>
      )}
      {children}
    </Card>
  );
}

/** Saved on Enter or when focus leaves; an invalid name is explained, not sent. */
function DisplayNameField({ saved, onCommit }: { saved: string; onCommit: (name: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const commit = (): void => {
    if (value.trim() === saved) return;
    if (!settingsSchema.shape.profile.shape.displayName.safeParse(value).success) {
      setError(t('settings.profile.displayNameRequired'));
      return;
    }
    setError(null);
    onCommit(value);
  };
  return (
    <TextInput
      w={280}
      label={t('settings.profile.displayName')}
      description={t('settings.profile.displayNameHint')}
      value={value}
      error={error}
      maxLength={64}
      onChange={(event) => setValue(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}

export function SettingsView({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const { t, i18n } = useTranslation();
  const { settings, info, updateSettings } = useApp();
  const errorMessage = useErrorMessage();

  const save = async (patch: SettingsPatch): Promise<Settings | undefined> => {
    try {
      const next = await updateSettings(patch);
      // A language change confirms itself in the new language, not the one just left.
      const say = patch.locale ? i18n.getFixedT(resolveLocale(next.locale)) : t;
      notifications.show({ id: 'settings-saved', color: 'green', message: say('settings.saved'), autoClose: 1500 });
      return next;
    } catch (error) {
      notifications.show({ color: 'red', title: t('settings.saveFailed'), message: errorMessage(error) });
      return undefined;
    }
  };

  const systemLanguage = localeNames[matchLocale(navigator.languages)];

  return (
    <>
      <PageHeader title={t('settings.title')}>
        <Button variant="default" leftSection={<IconKeyboard size={14} />} onClick={onShowShortcuts}>
          {t('shortcuts.title')}
        </Button>
      </PageHeader>
      <ScrollArea style={{ flex: 1 }}>
        <Stack p="md" gap="sm" maw={880}>
          <SettingsCard title={t('settings.language.title')} description={t('settings.language.description')}>
            <Select
              data-testid="language-select"
              aria-label={t('settings.language.title')}
              w={280}
              allowDeselect={false}
              value={settings.locale}
              data={[
                { value: 'auto', label: t('settings.language.auto', { language: systemLanguage }) },
                ...supportedLocales.map((locale) => ({ value: locale, label: localeNames[locale] })),
              ]}
              onChange={(value) => {
                if (value === null) return;
                dropLocaleQuery();
                void save({ locale: value as Settings['locale'] });
              }}
            />
          </SettingsCard>
          <SettingsCard title={t('settings.theme.title')} description={t('settings.theme.description')}>
            <SegmentedControl
              style={{ alignSelf: 'flex-start' }}
              data-testid="theme-control"
              value={settings.theme}
              data={themes.map((theme) => ({ value: theme, label: t(`settings.theme.${theme}`) }))}
              onChange={(value) => void save({ theme: value as Theme })}
            />
          </SettingsCard>
          <SettingsCard title={t('settings.sections.phone')}>
            <PhoneAccountCard />
          </SettingsCard>
          <SettingsCard title={t('settings.sections.audio')}>
            <AudioDevicesCard />
          </SettingsCard>
          <SettingsCard title={t('settings.notifications.title')} description={t('settings.notifications.description')}>
            <Group gap="lg">
              <Switch
                data-testid="notify-desktop"
                label={t('settings.notifications.desktop')}
                checked={settings.notifications.desktop}
                onChange={(event) => void save({ notifications: { desktop: event.currentTarget.checked } })}
              />
              <Switch
                data-testid="notify-sound"
                label={t('settings.notifications.sound')}
                checked={settings.notifications.sound}
                onChange={(event) => void save({ notifications: { sound: event.currentTarget.checked } })}
              />
            </Group>
          </SettingsCard>
          <SettingsCard title={t('settings.training.title')} description={t('settings.training.description')}>
            <TrainingModeCard />
          </SettingsCard>
          <SettingsCard title={t('settings.profile.title')}>
            <Group align="flex-start" gap="md">
              <DisplayNameField
                // A new saved name (from another window too) resets the field.
                key={settings.profile.displayName}
                saved={settings.profile.displayName}
                onCommit={(displayName) => void save({ profile: { displayName } })}
              />
              <Select
                w={220}
                label={t('settings.profile.role')}
                description={t('settings.profile.roleHint')}
                allowDeselect={false}
                value={settings.profile.role}
                data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                onChange={(value) => {
                  if (value !== null) void save({ profile: { role: value as Role } });
                }}
              />
            </Group>
          </SettingsCard>
          {settings.profile.role === 'supervisor' && (
            <SettingsCard title={t('wallboard.tokens.title')} description={t('wallboard.tokens.description')}>
              <WallboardTokensCard />
            </SettingsCard>
          )}
          {info && (
            <SettingsCard title={t('settings.about.title')}>
              <Table withRowBorders={false} data-testid="about-table">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={180}>{t('settings.about.version')}</Table.Th>
                    <Table.Td>{info.version}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('settings.about.mode')}</Table.Th>
                    <Table.Td>{t(`status.mode.${info.mode}`)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('settings.about.dataDir')}</Table.Th>
                    <Table.Td style={{ wordBreak: 'break-all' }}>{info.dataDir}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('settings.about.schemaVersion')}</Table.Th>
                    <Table.Td>{info.schemaVersion}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('settings.about.startedAt')}</Table.Th>
                    <Table.Td>{formatDateTime(i18n.language, Date.parse(info.startedAt))}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </SettingsCard>
          )}
        </Stack>
      </ScrollArea>
    </>
  );
}
