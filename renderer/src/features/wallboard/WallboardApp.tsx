import { MantineProvider } from '@mantine/core';
import type { i18n as I18n } from 'i18next';
import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { ApiClient } from '../../api/client';
import { AppProvider, type Bootstrap } from '../../app/AppContext';
import { applyDocumentLocale } from '../../i18n/i18n';
import { theme } from '../../theme/theme';
import { WallboardScreen } from './WallboardView';

/**
 * Wallboard-only mode: a TV's browser at /wallboard?token=…. No shell, no softphone, no
 * navigation: the board, dark, over a read-only connection.
 */
export function WallboardApp({ api, initial, i18n }: { api: ApiClient; initial: Bootstrap; i18n: I18n }) {
  useEffect(() => {
    applyDocumentLocale(i18n.language as Parameters<typeof applyDocumentLocale>[0]);
    document.documentElement.dataset.shellReady = 'true';
  }, [i18n]);
  return (
    <I18nextProvider i18n={i18n}>
      <AppProvider api={api} initial={initial}>
        <MantineProvider theme={theme} forceColorScheme="dark">
          <div style={{ height: '100dvh', display: 'flex' }} data-testid="wallboard-only">
            <WallboardScreen />
          </div>
        </MantineProvider>
      </AppProvider>
    </I18nextProvider>
  );
}
