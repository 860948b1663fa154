import { AppShell, useComputedColorScheme } from '@mantine/core';
import { useDisclosure, useHotkeys, type HotkeyItem } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { spotlight } from '@mantine/spotlight';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../../shared/assert';
import type { ApiError } from '../../../shared/api/errors';
import type { Locale } from '../../../shared/i18n/locales';
import type { SettingsPatch, Theme } from '../../../shared/settings';
import { CommandPalette } from '../shell/CommandPalette';
import { ErrorBoundary } from '../shell/ErrorBoundary';
import { NavBar } from '../shell/NavBar';
import { ShortcutsHelp } from '../shell/ShortcutsHelp';
import { StatusBar } from '../shell/StatusBar';
import { shortcuts } from '../shell/shortcuts';
import { useSection } from '../shell/useSection';
import { KnowledgeBaseView } from '../features/kb/KnowledgeBaseView';
import { QualityView } from '../features/quality/QualityView';
import { SettingsView } from '../features/settings/SettingsView';
import { WallboardView } from '../features/wallboard/WallboardView';
import { WorkspaceView } from '../features/workspace/WorkspaceView';
import { useApp, useConnection } from './AppContext';
import { useErrorMessage } from './useErrorMessage';
import { sendPhoneCommand } from '../features/softphone/phone-commands';

/** Alt+digit is bound to the physical key: on macOS Option+1 types "¡". */
function hotkeyFor(keys: string): [string, boolean] {
  const digit = /^alt\+(\d)$/i.exec(keys);
  return digit ? [`alt+Digit${digit[1]}`, true] : [keys, false];
}

export function Shell() {
  const { t } = useTranslation();
  const { updateSettings } = useApp();
  const errorMessage = useErrorMessage();
  const [section, go] = useSection();
  const [helpOpened, help] = useDisclosure(false);
  const scheme = useComputedColorScheme('light');
  const connection = useConnection();
  const lost = useRef(false);

  const save = (patch: SettingsPatch): void => {
    updateSettings(patch).catch((error: ApiError) =>
      notifications.show({ color: 'red', title: t('settings.saveFailed'), message: errorMessage(error) }),
    );
  };
  const setTheme = (theme: Theme): void => save({ theme });
  const setLocale = (locale: Locale): void => save({ locale });

  const hotkeys: HotkeyItem[] = shortcuts.map((shortcut) => {
    const [keys, usePhysicalKeys] = hotkeyFor(shortcut.keys);
    const run = (): void => {
      const { action } = shortcut;
      switch (action.kind) {
        case 'palette':
          spotlight.open();
          return;
        case 'help':
          help.open();
          return;
        case 'toggleTheme':
          setTheme(scheme === 'dark' ? 'light' : 'dark');
          return;
        case 'goTo':
          go(action.section);
          return;
        case 'phone':
          // The phone lives in the Workspace; bring it up, then act.
          if (action.command === 'dial' || action.command === 'transfer') go('workspace');
          sendPhoneCommand(action.command);
          return;
        default:
          assertNever(action, 'shortcut');
      }
    };
    return [keys, run, { usePhysicalKeys }];
  });
  // Shortcuts work inside text fields too: they all use modifiers, so they never eat typing.
  useHotkeys(hotkeys, []);

  useEffect(() => {
    if (connection.status === 'reconnecting') {
      const seconds = Math.max(1, Math.ceil(((connection.retryAt ?? Date.now()) - Date.now()) / 1000));
      const message = {
        id: 'connection',
        color: 'orange',
        autoClose: false as const,
        withCloseButton: false,
        title: t('connection.lostTitle'),
        message: t('connection.lostBody', { seconds }),
      };
      if (lost.current) notifications.update(message);
      else notifications.show(message);
      lost.current = true;
    } else if (connection.status === 'open' && lost.current) {
      lost.current = false;
      notifications.update({
        id: 'connection',
        color: 'green',
        autoClose: 3000,
        withCloseButton: true,
        title: t('connection.restoredTitle'),
        message: '',
      });
    }
  }, [connection, t]);

  return (
    <AppShell navbar={{ width: 200, breakpoint: 0 }} footer={{ height: 28 }} padding={0}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Navbar>
        <NavBar current={section} onNavigate={go} />
      </AppShell.Navbar>
      <AppShell.Main id="main" h="100dvh" style={{ display: 'flex', flexDirection: 'column' }} data-section={section}>
        <ErrorBoundary key={section} where={section}>
          {section === 'workspace' && <WorkspaceView />}
          {section === 'knowledgeBase' && <KnowledgeBaseView />}
          {section === 'quality' && <QualityView />}
          {section === 'wallboard' && <WallboardView />}
          {section === 'settings' && <SettingsView onShowShortcuts={help.open} />}
        </ErrorBoundary>
      </AppShell.Main>
      <AppShell.Footer>
        <StatusBar />
      </AppShell.Footer>
      <CommandPalette onNavigate={go} onLocale={setLocale} onTheme={setTheme} onHelp={help.open} />
      <ShortcutsHelp opened={helpOpened} onClose={help.close} />
    </AppShell>
  );
}
