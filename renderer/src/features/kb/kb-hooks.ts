import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import type { KbLanguage, KbOverview, SearchFilters, SearchResponse } from '../../../../shared/kb/types';
import { kbLanguages } from '../../../../shared/kb/types';
import { kbPermissions, type KbPermissions } from '../../../../shared/kb/permissions';
import { useApp } from '../../app/AppContext';
import { useTranslation } from 'react-i18next';

/** Focuses the knowledge base's search field (the section's, or the pane's where it is docked). */
export const focusShortcut = 'mod+shift+K';

/** The agent's UI language as a KB language: search ranks articles in it a little higher. */
export function usePreferredLanguage(): KbLanguage {
  // The language the UI shows (settings, or ?lng= for this tab), not only the stored setting.
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return (kbLanguages as readonly string[]).includes(locale) ? (locale as KbLanguage) : 'en';
}

export function useKbPermissions(): KbPermissions & { readonly me: string } {
  const { settings } = useApp();
  return useMemo(
    () => ({ ...kbPermissions(settings.profile.role), me: settings.profile.displayName }),
    [settings.profile.role, settings.profile.displayName],
  );
}

export interface SearchState {
  readonly response: SearchResponse | null;
  readonly loading: boolean;
  readonly error: unknown;
}

/**
 * One request per key, `delayMs` after the key last changed; an answer to an older key is
 * dropped. While a new key is loading the previous answer stays on screen (no flicker while
 * typing). A null key asks nothing and answers nothing.
 */
function useKeyedRequest(key: string | null, run: () => Promise<SearchResponse>, delayMs: number): SearchState {
  const [state, setState] = useState<{ key: string | null; response: SearchResponse | null; error: unknown }>({
    key: null,
    response: null,
    error: null,
  });
  // The request of the render whose key it is (the key encodes everything the request sends).
  const request = useEffectEvent(run);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = setTimeout(() => {
      request().then(
        (response) => current && setState({ key, response, error: null }),
        (error: unknown) => current && setState({ key, response: null, error }),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);
  if (key === null) return { response: null, loading: false, error: null };
  return { response: state.response, loading: state.key !== key, error: state.key === key ? state.error : null };
}

/** Bumps when any article changes (a save, an import): searches run again. */
function useKbChanges(): number {
  const { api } = useApp();
  const [changes, setChanges] = useState(0);
  useEffect(
    () =>
      api.on('kb.changed', (event) => {
        // A vote changes a count, not what matches: results are not searched again for it.
        if (event.reason !== 'voted') setChanges((n) => n + 1);
      }),
    [api],
  );
  return changes;
}

/**
 * Results as the agent types: each keystroke searches after `delayMs`, an answer that arrives
 * after a newer one was asked for is dropped, and KB changes (a save, an import) search again.
 */
export function useKbSearch(
  query: string,
  options: {
    readonly filters?: SearchFilters;
    readonly limit?: number;
    readonly logMiss?: boolean;
    readonly enabled?: boolean;
    readonly delayMs?: number;
  } = {},
): SearchState {
  const { api } = useApp();
  const preferLanguage = usePreferredLanguage();
  const changes = useKbChanges();
  const { limit = 10, logMiss = true, enabled = true, delayMs = 60 } = options;
  const filters = options.filters ?? {};
  const key = enabled ? JSON.stringify([query, filters, limit, preferLanguage, changes]) : null;
  return useKeyedRequest(
    key,
    () =>
      api.call('kb.search', {
        query,
        filters,
        limit,
        prefix: true,
        preferLanguage,
        logMiss: logMiss && query.trim().length > 0,
      }),
    delayMs,
  );
}

/** Suggestions for a conversation: searched again whenever the context changes (debounced). */
export function useKbSuggestions(contextText: string | undefined, queue: string | undefined, limit = 5): SearchState {
  const { api } = useApp();
  const preferLanguage = usePreferredLanguage();
  const changes = useKbChanges();
  const text = (contextText?.trim() ?? '').slice(0, 4000);
  const hint = (queue?.trim() ?? '').slice(0, 200);
  const key = text === '' && hint === '' ? null : JSON.stringify([text, hint, preferLanguage, limit, changes]);
  return useKeyedRequest(
    key,
    () => api.call('kb.suggest', { text, ...(hint ? { queue: hint } : {}), preferLanguage, limit }),
    150,
  );
}

/** Counts, categories and tags; refreshed when articles change. */
export function useKbOverview(): { readonly overview: KbOverview | null; reload(): void } {
  const { api } = useApp();
  const [overview, setOverview] = useState<KbOverview | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => api.on('kb.changed', () => setTick((n) => n + 1)), [api]);
  useEffect(() => {
    let cancelled = false;
    api.call('kb.categories', {}).then(
      (value) => !cancelled && setOverview(value),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, tick]);
  return { overview, reload: () => setTick((n) => n + 1) };
}

/** Writes to the clipboard; false when the browser refuses (no permission, insecure context). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
