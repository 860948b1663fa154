import { useCallback, useSyncExternalStore } from 'react';
import { hashFor, sectionFromHash, type SectionId } from './sections';

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The current section lives in the URL hash, so reloads and back/forward keep it. */
export function useSection(): [SectionId, (id: SectionId) => void] {
  const section = useSyncExternalStore(subscribe, () => sectionFromHash(location.hash));
  const go = useCallback((id: SectionId) => {
    if (sectionFromHash(location.hash) !== id || location.hash === '') location.hash = hashFor(id);
  }, []);
  return [section, go];
}
