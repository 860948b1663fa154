import { MantineProvider } from '@mantine/core';
import { useColorScheme } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import type { i18n as I18n } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Locale } from '../../../shared/i18n/locales';
import type { ApiClient } from '../api/client';
import { applyDocumentLocale, resolveLocale } from '../i18n/i18n';
import { theme } from '../theme/theme';
import { AppProvider, useApp, type Bootstrap } from './AppContext';
import { Shell } from './Shell';
import { PhoneProvider } from '../features/softphone/PhoneProvider';
import { CenterProvider } from '../features/workspace/CenterProvider';
import { AlertNotifier } from '../features/wallboard/AlertNotifier';

/** Applies the settings that shape the whole window: colour scheme and language. */
function Themed({ i18n, queryLocale }: { i18n: I18n; queryLocale: Locale | undefined }) {
  const { settings } = useApp();
  const systemScheme = useColorScheme('light', { getInitialValueInEffect: false });
  const scheme = settings.theme === 'system' ? systemScheme : settings.theme;
  const [override, setOverride] = useState(queryLocale);
  const firstLocale = useRef(settings.locale);

  useEffect(() => {
    // A language picked in Settings wins over ?lng= from then on.
    if (settings.locale !== firstLocale.current) setOverride(undefined);
  }, [settings.locale]);

  const locale = override ?? resolveLocale(settings.locale);
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
    applyDocumentLocale(locale);
  }, [i18n, locale]);

  useEffect(() => {
    // Tests and the startup benchmark wait for this instead of sleeping.
    document.documentElement.dataset.shellReady = 'true';
  }, []);

  return (
    <MantineProvider theme={theme} forceColorScheme={scheme}>
      {/* Top-right: the status bar along the bottom must stay readable. */}
      {/* Below the page header (global.css), so a toast never covers the agent-state control. */}
      <Notifications position="top-right" limit={4} />
      <PhoneProvider>
        {/* App-wide, so offers ring and notify in every section, not only in the Workspace. */}
        <CenterProvider>
          {/* A supervisor hears of a queue in trouble in whatever section they are. */}
          <AlertNotifier />
          <Shell />
        </CenterProvider>
      </PhoneProvider>
    </MantineProvider>
  );
}

export function App({
  api,
  initial,
  i18n,
  queryLocale,
}: {
  api: ApiClient;
  initial: Bootstrap;
  i18n: I18n;
  queryLocale: Locale | undefined;
}) {
  return (
    <I18nextProvider i18n={i18n}>
      <AppProvider api={api} initial={initial}>
        <Themed i18n={i18n} queryLocale={queryLocale} />
      </AppProvider>
    </I18nextProvider>
  );
}
