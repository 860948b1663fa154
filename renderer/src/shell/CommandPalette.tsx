import { Spotlight, type SpotlightActionGroupData } from '@mantine/spotlight';
import { IconKeyboard, IconLanguage, IconPalette, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { localeNames, supportedLocales, type Locale } from '../../../shared/i18n/locales';
import { themes, type Theme } from '../../../shared/settings';
import { sections, type SectionId } from './sections';

interface Props {
  readonly onNavigate: (id: SectionId) => void;
  readonly onLocale: (locale: Locale) => void;
  readonly onTheme: (theme: Theme) => void;
  readonly onHelp: () => void;
}

/** Ctrl/Cmd+K: every section and preference by name, so nothing needs the mouse. */
export function CommandPalette({ onNavigate, onLocale, onTheme, onHelp }: Props) {
  const { t } = useTranslation();
  const actions: SpotlightActionGroupData[] = [
    {
      group: t('palette.groups.navigate'),
      actions: sections.map((section) => ({
        id: `go-${section.id}`,
        label: t(`nav.${section.id}`),
        leftSection: <section.icon size={16} stroke={1.6} />,
        onClick: () => onNavigate(section.id),
      })),
    },
    {
      group: t('palette.groups.preferences'),
      actions: [
        ...supportedLocales.map((locale) => ({
          id: `locale-${locale}`,
          label: t('palette.useLanguage', { language: localeNames[locale] }),
          // Searchable in every script: "english", "中文", "繁體".
          keywords: [locale, localeNames[locale], 'language', '语言', '語言'],
          leftSection: <IconLanguage size={16} stroke={1.6} />,
          onClick: () => onLocale(locale),
        })),
        ...themes.map((theme) => ({
          id: `theme-${theme}`,
          label: t('palette.useTheme', { theme: t(`settings.theme.${theme}`) }),
          keywords: ['theme', 'dark', 'light', '主题', '主題'],
          leftSection: <IconPalette size={16} stroke={1.6} />,
          onClick: () => onTheme(theme),
        })),
      ],
    },
    {
      group: t('palette.groups.help'),
      actions: [
        {
          id: 'shortcuts',
          label: t('shortcuts.title'),
          leftSection: <IconKeyboard size={16} stroke={1.6} />,
          onClick: onHelp,
        },
      ],
    },
  ];
  return (
    <Spotlight
      actions={actions}
      // Bound by the shell from the shortcuts list, so the help dialog lists it.
      shortcut={null}
      highlightQuery
      nothingFound={t('palette.nothingFound')}
      searchProps={{ leftSection: <IconSearch size={16} stroke={1.6} />, placeholder: t('palette.placeholder') }}
    />
  );
}
